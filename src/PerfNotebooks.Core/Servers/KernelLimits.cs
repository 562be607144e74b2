using System.Globalization;

namespace PerfNotebooks.Servers;

/// <summary>
/// The kernel's and this process's limits on connections, read from /proc: net.core.somaxconn caps every
/// listen backlog, tcp_max_syn_backlog the half-open ones, and RLIMIT_NOFILE the sockets a process may hold.
/// Null where a value cannot be read (another OS, a restricted /proc).
/// </summary>
public static class KernelLimits
{
    /// <summary>net.core.somaxconn: the longest accept queue a listen() may ask for; a larger backlog is silently cut to it.</summary>
    public static int? Somaxconn() => ReadInt("/proc/sys/net/core/somaxconn");

    /// <summary>net.ipv4.tcp_max_syn_backlog: connections not yet completed (SYN received) the kernel keeps per listener.</summary>
    public static int? TcpMaxSynBacklog() => ReadInt("/proc/sys/net/ipv4/tcp_max_syn_backlog");

    /// <summary>This process's open-file limits (soft, hard), from /proc/self/limits; a child inherits them.</summary>
    public static (long Soft, long Hard)? OpenFiles()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
                var parts = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && Limit(parts[0]) is { } soft && Limit(parts[1]) is { } hard) return (soft, hard);
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    /// <summary>True when this process runs as root (it may raise a child's hard limits).</summary>
    public static bool IsRoot()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                    return line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries).Skip(2).FirstOrDefault() == "0";
        }
        catch (IOException) { }
        return false;
    }

    /// <summary>
    /// The open-file limits a server asking for <paramref name="wanted"/> gets: the soft limit it asks, with the
    /// hard limit raised to match when this process is root; otherwise capped at this process's hard limit.
    /// </summary>
    public static (long Soft, long Hard) OpenFilesFor(long wanted)
    {
        var current = OpenFiles() ?? (wanted, wanted);
        if (wanted <= current.Hard) return (wanted, current.Hard);
        return IsRoot() ? (wanted, wanted) : (current.Hard, current.Hard);
    }

    private static long? Limit(string text)
        => text == "unlimited" ? long.MaxValue : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static int? ReadInt(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
