namespace PerfNotebooks.Tests.Experiments;

/// <summary>Finds server processes in /proc by their environment (every server carries PERFNB_SERVER=1).</summary>
public static class ServerProcesses
{
    /// <summary>PIDs of live processes whose environment holds <paramref name="variable"/>=<paramref name="value"/>.</summary>
    public static List<int> WithEnvironment(string variable, string value)
    {
        var pids = new List<int>();
        var needle = variable + "=" + value;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                if (environ.Split('\0').Contains(needle) && !IsZombie(dir)) pids.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return pids;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for those processes to be gone; returns the ones left.</summary>
    public static async Task<List<int>> WaitGoneAsync(string variable, string value, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = WithEnvironment(variable, value);
            if (left.Count == 0 || DateTime.UtcNow > deadline) return left;
            await Task.Delay(100);
        }
    }

    private static bool IsZombie(string dir)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is "Z" or "X";
        }
        catch (IOException) { return true; }
    }
}
