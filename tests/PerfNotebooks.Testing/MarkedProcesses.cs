namespace PerfNotebooks.Testing;

/// <summary>
/// Processes carrying a test's marker variable, PERFNB_TEST_MARK: perfnb, the servers it starts and their workers
/// inherit it, so a test finds everything it caused, even servers orphaned by a perfnb that crashed.
/// </summary>
public static class MarkedProcesses
{
    /// <summary>The variable every process a test starts carries.</summary>
    public const string Variable = "PERFNB_TEST_MARK";

    /// <summary>The variable the launcher puts in every server's environment.</summary>
    public const string ServerVariable = "PERFNB_SERVER";

    /// <summary>A fresh marker.</summary>
    public static string NewMark() => Guid.NewGuid().ToString("N");

    /// <summary>Live processes carrying <paramref name="marker"/>.</summary>
    public static List<int> Find(string marker) => ProcessTable.WithEnvironment(Variable, marker);

    /// <summary>Live server processes (PERFNB_SERVER=1) carrying <paramref name="marker"/>.</summary>
    public static List<int> Servers(string marker) => ProcessTable.Where(p => p.Has(Variable, marker) && p.Has(ServerVariable, "1"));

    /// <summary>Marked server leaders: servers that lead their own session (the launcher starts each in one).</summary>
    public static List<int> ServerLeaders(string marker)
        => ProcessTable.Where(p => p.Session == p.Pid && p.Has(Variable, marker) && p.Has(ServerVariable, "1"));

    /// <summary>Waits for every marked process to be gone; returns those still alive after <paramref name="timeout"/>.</summary>
    public static Task<List<int>> WaitGoneAsync(string marker, TimeSpan timeout) => ProcessTable.WaitGoneAsync(() => Find(marker), timeout);

    /// <summary>Waits (up to 10 s) until nothing carrying <paramref name="marker"/> is alive, and asserts so.</summary>
    public static Task AssertGoneAsync(string marker) => ProcessTable.AssertGoneAsync(() => Find(marker), what: $"processes marked {marker}");

    /// <summary>Kills the process groups of the marked processes, then the processes themselves (a clean-up after a failed test).</summary>
    public static void KillAll(string marker)
    {
        foreach (var pid in Find(marker))
        {
            if (ProcessEntry.Read(pid) is { } entry) ProcessGroups.SendToGroup(entry.Group, ProcessGroups.Signal.Kill);
            ProcessGroups.Send(pid, ProcessGroups.Signal.Kill);
        }
    }
}
