using System.Runtime.InteropServices;

namespace PerfNotebooks.Core.Tests.Load.Support;

/// <summary>Looks in /proc (not just at one PID) for what a test started, and kills whole groups.</summary>
public static class ProcessGroups
{
    /// <summary>PIDs whose process group is <paramref name="group"/>, from /proc/PID/stat.</summary>
    public static IReadOnlyList<int> Members(int group)
    {
        var members = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // pid (comm) state ppid pgrp ...: comm may contain spaces, so split after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z" && int.Parse(fields[2]) == group) members.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
            {
            }
        }
        return members;
    }

    /// <summary>Fails naming the first of <paramref name="pids"/> still running (a zombie waiting for its parent counts as gone).</summary>
    public static void AssertAllGone(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            string? state = null;
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                state = stat[(stat.LastIndexOf(')') + 2)].ToString();
            }
            catch (IOException)
            {
            }
            Assert.False(state is not null && state != "Z", $"PID {pid} is still running");
        }
    }

    /// <summary>PIDs whose command line contains <paramref name="marker"/>.</summary>
    public static IReadOnlyList<int> WithCommandLine(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(marker, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    public static void Kill(int group)
    {
        _ = kill(-group, 15);
        if (!WaitGone(group, TimeSpan.FromSeconds(3))) _ = kill(-group, 9);
    }

    public static bool WaitGone(int group, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Members(group).Count == 0) return true;
            Thread.Sleep(20);
        }
        return Members(group).Count == 0;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
