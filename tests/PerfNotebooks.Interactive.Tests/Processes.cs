namespace PerfNotebooks.Interactive.Tests;

/// <summary>What of a notebook's servers and load runs is still alive, found in /proc (not at a parent PID).</summary>
internal static class Processes
{
    /// <summary>Live (not zombie) processes among <paramref name="pids"/>, or in the session led by <paramref name="leader"/>.</summary>
    public static IReadOnlyList<int> Alive(int leader, IEnumerable<int> pids)
    {
        var watched = pids.Append(leader).ToHashSet();
        return ProcessTable.Where(p => watched.Contains(p.Pid) || p.Session == leader);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for nothing of the server to be left.</summary>
    public static Task AssertGoneAsync(int leader, IEnumerable<int> pids, TimeSpan? timeout = null)
    {
        var list = pids.ToArray();
        return ProcessTable.AssertGoneAsync(() => [.. Alive(leader, list)], timeout, $"server {leader}: processes");
    }

    /// <summary>PIDs of live server processes (PERFNB_SERVER=1 in their environment) started by this test process, with their sessions.</summary>
    public static IReadOnlyList<int> OurServers()
    {
        var servers = ProcessTable.Live().Where(p => p.Has(MarkedProcesses.ServerVariable, "1")).ToList();
        var sessions = servers.Where(p => p.ParentPid == Environment.ProcessId).Select(p => p.Session).ToHashSet();
        return servers.Where(p => p.ParentPid == Environment.ProcessId || sessions.Contains(p.Session)).Select(p => p.Pid).ToList();
    }

    /// <summary>Live `perfnb load` child processes (the out-of-process load runner) started by this test process.</summary>
    public static IReadOnlyList<int> OurLoadRunners() => ProcessTable.Where(p => p.ParentPid == Environment.ProcessId
        && p.Arguments() is var args && args.Any(a => a.EndsWith("perfnb.dll", StringComparison.Ordinal)) && args.Contains("load"));
}
