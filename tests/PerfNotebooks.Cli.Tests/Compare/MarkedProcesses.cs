namespace PerfNotebooks.Cli.Tests.Compare;

/// <summary>Processes carrying a test's marker variable (perfnb and every server it started inherit it), found in /proc.</summary>
internal static class MarkedProcesses
{
    public static List<int> Find(string marker)
    {
        var pids = new List<int>();
        var needle = "PERFNB_TEST_MARK=" + marker;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                if (!File.ReadAllText(Path.Combine(dir, "environ")).Split('\0').Contains(needle)) continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z')) continue;
                pids.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return pids;
    }

    /// <summary>Marked server leaders: processes started by the launcher (PERFNB_SERVER=1) that lead their own session.</summary>
    public static List<int> ServerLeaders(string marker)
    {
        var leaders = new List<int>();
        foreach (var pid in Find(marker))
        {
            try
            {
                if (!File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains("PERFNB_SERVER=1")) continue;
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture) == pid) leaders.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return leaders;
    }

    /// <summary>Waits for every marked process to be gone; returns those still alive after <paramref name="timeout"/>.</summary>
    public static async Task<List<int>> WaitGoneAsync(string marker, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = Find(marker);
            if (left.Count == 0 || DateTime.UtcNow > deadline) return left;
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the process groups of marked processes (servers orphaned by a crashed perfnb live in groups of their own).</summary>
    public static void KillAll(string marker)
    {
        foreach (var pid in Find(marker))
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var pgid = int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
                _ = kill(-pgid, 9);
            }
            catch (IOException) { }
            _ = kill(pid, 9);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
