using System.Globalization;

namespace PerfNotebooks.Core.Tests.Load.Support;

/// <summary>
/// What this test process holds, read from /proc: the socket descriptors connected to a given port (the
/// load engine's client sockets; the test server's own sockets listen or were accepted on that port, so they
/// are not counted), and the engine's named threads. Used to check that a run leaves nothing behind.
/// </summary>
public static class ProcessResources
{
    /// <summary>Open socket descriptors of this process whose TCP peer is 127.0.0.1 / ::1 at <paramref name="remotePort"/>.</summary>
    public static int ClientSocketsTo(int remotePort)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/self/net/tcp", "/proc/self/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 10) continue;
                var remote = fields[2];
                var port = int.Parse(remote[(remote.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (port == remotePort && fields[9] != "0") inodes.Add(fields[9]);
            }
        }
        var count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue;
            }
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1])) count++;
        }
        return count;
    }

    /// <summary>Threads of this process whose name starts with <paramref name="prefix"/> (Linux shows 15 characters of a name).</summary>
    public static int ThreadsNamed(string prefix)
    {
        var count = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(prefix, StringComparison.Ordinal)) count++;
            }
            catch (IOException)
            {
                // The thread ended while we looked.
            }
        }
        return count;
    }

    /// <summary>Waits (up to <paramref name="within"/>) until <paramref name="condition"/> holds; the last value otherwise.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            await Task.Delay(20);
        }
        return condition();
    }
}
