using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>Checks, in /proc, that nothing of a server's tree is left.</summary>
internal static class ServerAssert
{
    /// <summary>No live process is left in the session/group of <paramref name="leaderPid"/> nor among <paramref name="pids"/>.</summary>
    public static void NothingLeft(int leaderPid, IEnumerable<int>? pids = null)
    {
        var tree = ProcessTree.Find(leaderPid, leaderPid).Where(p => !p.IsDead).Select(p => p.Pid).ToList();
        Assert.True(tree.Count == 0, $"processes of server {leaderPid} still alive: {string.Join(", ", tree)}");
        foreach (var pid in pids ?? [])
        {
            var stat = ProcStat.Read(pid);
            Assert.True(stat is null || stat.Value.IsDead || stat.Value.Session != leaderPid,
                $"process {pid} of server {leaderPid} still alive");
        }
    }
}
