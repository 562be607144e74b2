using System.Globalization;

namespace PerfNotebooks.Testing;

/// <summary>
/// The one /proc scanner of the tests: looks at every live process (not at one PID, not at a parent's children), so a
/// test can find what it caused even when it never learned the PIDs, and check afterwards that none of it is left.
/// Zombies do not count: they have exited.
/// </summary>
public static class ProcessTable
{
    /// <summary>Every live process but this test process.</summary>
    public static IReadOnlyList<ProcessEntry> Live()
    {
        var live = new List<ProcessEntry>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId) continue;
            if (ProcessEntry.Read(pid) is { IsDead: false } entry) live.Add(entry);
        }
        return live;
    }

    /// <summary>PIDs of the live processes that match <paramref name="match"/>.</summary>
    public static List<int> Where(Func<ProcessEntry, bool> match) => Live().Where(match).Select(p => p.Pid).ToList();

    /// <summary>True while <paramref name="pid"/> runs (a zombie has exited).</summary>
    public static bool IsAlive(int pid) => ProcessEntry.Read(pid) is { IsDead: false };

    /// <summary>Live processes whose environment holds <paramref name="variable"/>=<paramref name="value"/>.</summary>
    public static List<int> WithEnvironment(string variable, string value) => Where(p => p.Has(variable, value));

    /// <summary>Live members of process group <paramref name="group"/>.</summary>
    public static List<int> InGroup(int group) => Where(p => p.Group == group);

    /// <summary>Live members of session <paramref name="session"/>.</summary>
    public static List<int> InSession(int session) => Where(p => p.Session == session);

    /// <summary>Live processes one of whose arguments contains <paramref name="fragment"/>.</summary>
    public static List<int> WithCommandLine(string fragment)
        => Where(p => p.Arguments().Any(a => a.Contains(fragment, StringComparison.Ordinal)));

    /// <summary>Waits up to <paramref name="timeout"/> for <paramref name="find"/> to come back empty; returns what it last found.</summary>
    public static async Task<List<int>> WaitGoneAsync(Func<List<int>> find, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = find();
            if (left.Count == 0 || DateTime.UtcNow > deadline) return left;
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for <paramref name="find"/> to come back empty and asserts it did, naming what is left.</summary>
    public static async Task AssertGoneAsync(Func<List<int>> find, TimeSpan? timeout = null, string what = "processes")
    {
        var left = await WaitGoneAsync(find, timeout ?? TimeSpan.FromSeconds(10));
        Xunit.Assert.True(left.Count == 0, $"{what} still alive: {string.Join(", ", left)}");
    }
}
