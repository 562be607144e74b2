using System.Globalization;

namespace PerfNotebooks.Servers;

/// <summary>
/// Finds the processes of a server's tree in /proc: everything in the leader's session or process group,
/// plus every descendant of the leader (a server can put its children in a session of their own).
/// Processes that vanish while being read are skipped.
/// </summary>
internal static class ProcessTree
{
    /// <summary>Every process in /proc right now.</summary>
    public static List<ProcStat> Snapshot()
    {
        var all = new List<ProcStat>(256);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir.AsSpan());
            if (name.Length == 0 || !char.IsAsciiDigit(name[0])) continue;
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (ProcStat.Read(pid) is { } stat) all.Add(stat);
        }
        return all;
    }

    /// <summary>
    /// The processes of the tree rooted at <paramref name="leaderPid"/>, zombies included (their CPU counts
    /// until they are reaped). <paramref name="session"/> is the leader's session id when the leader is a
    /// session leader (our servers are), else 0.
    /// </summary>
    public static List<ProcStat> Find(int leaderPid, int session) => Find(Snapshot(), leaderPid, session);

    public static List<ProcStat> Find(List<ProcStat> all, int leaderPid, int session)
    {
        var members = new Dictionary<int, ProcStat>();
        foreach (var p in all)
        {
            if (p.Pid == leaderPid || p.ProcessGroup == leaderPid || (session > 1 && p.Session == session))
                members[p.Pid] = p;
        }
        // Descendants by parent chain, to a fixed point: catches children that left the session.
        var grew = true;
        while (grew)
        {
            grew = false;
            foreach (var p in all)
            {
                if (!members.ContainsKey(p.Pid) && members.ContainsKey(p.ParentPid))
                {
                    members[p.Pid] = p;
                    grew = true;
                }
            }
        }
        return [.. members.Values.OrderBy(p => p.Pid)];
    }

    /// <summary>PIDs of the live (not zombie) processes of the tree.</summary>
    public static List<int> LivePids(int leaderPid, int session)
        => [.. Find(leaderPid, session).Where(p => !p.IsDead).Select(p => p.Pid)];
}
