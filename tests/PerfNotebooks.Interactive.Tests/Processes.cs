namespace PerfNotebooks.Interactive.Tests;

/// <summary>Looks in /proc, not at a parent PID, for what is still alive.</summary>
internal static class Processes
{
    /// <summary>Live (not zombie) processes among <paramref name="pids"/>, or in the session led by <paramref name="leader"/>.</summary>
    public static IReadOnlyList<int> Alive(int leader, IEnumerable<int> pids)
    {
        var watched = pids.Append(leader).ToHashSet();
        var alive = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            // Fields after the parenthesised command: state ppid pgrp session ...
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields[0] is "Z" or "X") continue;
            if (watched.Contains(pid) || fields[3] == leader.ToString(System.Globalization.CultureInfo.InvariantCulture)) alive.Add(pid);
        }
        return alive;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for nothing of the server to be left.</summary>
    public static async Task AssertGoneAsync(int leader, IEnumerable<int> pids, TimeSpan? timeout = null)
    {
        var list = pids.ToArray();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        IReadOnlyList<int> alive;
        while ((alive = Alive(leader, list)).Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(alive.Count == 0, $"server {leader}: processes still alive: {string.Join(", ", alive)}");
    }

    /// <summary>PIDs of live server processes (PERFNB_SERVER=1 in their environment) started by this test process.</summary>
    public static IReadOnlyList<int> OurServers()
    {
        var me = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var found = new List<int>();
        var sessions = new HashSet<string>();
        var all = new List<(int Pid, string Ppid, string Session, bool Server)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] is "Z" or "X") continue;
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                all.Add((pid, fields[1], fields[3], environ.Split('\0').Contains("PERFNB_SERVER=1")));
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        foreach (var p in all.Where(p => p.Server && p.Ppid == me)) sessions.Add(p.Session);
        found.AddRange(all.Where(p => p.Server && (p.Ppid == me || sessions.Contains(p.Session))).Select(p => p.Pid));
        return found;
    }

    /// <summary>Live `perfnb load` child processes (the out-of-process load runner) started by this test process.</summary>
    public static IReadOnlyList<int> OurLoadRunners()
    {
        var me = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] is "Z" or "X" || fields[1] != me) continue;
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (args.Any(a => a.EndsWith("perfnb.dll", StringComparison.Ordinal)) && args.Contains("load")) found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }
}
