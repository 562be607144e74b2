using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>Stacks and checks the server specs share.</summary>
internal static class TestStacks
{
    /// <summary>A catalog stack with a mark in its environment, so that a test can find its processes in /proc
    /// even when it never learned their PIDs (a start that failed).</summary>
    public static StackSpec Marked(StackSpec spec, out string mark)
    {
        mark = Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string>(spec.Environment) { ["PERFNB_TEST_MARK"] = mark };
        return spec with { Environment = environment };
    }

    /// <summary>PIDs of live processes whose environment carries <paramref name="mark"/>.</summary>
    public static List<int> ProcessesMarked(string mark)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                if (environ.Contains("PERFNB_TEST_MARK=" + mark, StringComparison.Ordinal) && ProcStat.Read(pid) is { IsDead: false })
                    found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    /// <summary>Waits (up to 10 s) until nothing carrying <paramref name="mark"/> is alive, then asserts so.</summary>
    public static async Task AssertNothingMarkedLeftAsync(string mark)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (ProcessesMarked(mark).Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        var left = ProcessesMarked(mark);
        Assert.True(left.Count == 0, $"processes left: {string.Join(", ", left)}");
    }

    /// <summary>A user-defined stack: the given command line, run by /usr/bin/python3.</summary>
    public static StackSpec Custom(string name, params string[] command) => new()
    {
        Name = name,
        App = "custom",
        Server = "custom",
        Command = command,
    };
}
