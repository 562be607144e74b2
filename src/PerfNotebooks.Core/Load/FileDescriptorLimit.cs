using System.Globalization;
using PerfNotebooks.Native;

namespace PerfNotebooks.Load;

/// <summary>
/// The process's open-file limit (RLIMIT_NOFILE), which caps the connections a run can hold: every socket is
/// a file descriptor. The soft limit is often 1024 (or lower under <c>ulimit -n</c>) while the hard limit is
/// far higher, so the engine raises the soft limit to the hard one before a run, as wrk's users do by hand.
/// If the connections still cannot fit, the run is refused before any connection opens: running out of
/// descriptors half-way would turn the shortage into connect errors the server never caused.
/// </summary>
public static class FileDescriptorLimit
{
    /// <summary>Descriptors kept free beyond the connections: the runtime, log files, a child process's pipes.</summary>
    public const int Reserve = 32;

    /// <summary>Raises the soft limit to the hard limit; returns the soft limit now in force (null where it cannot be read).</summary>
    public static long? RaiseToHardLimit()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            NativeMethods.RLimit limit;
            unsafe
            {
                if (NativeMethods.getrlimit(NativeMethods.RlimitNoFile, &limit) != 0) return null;
                if (limit.Current < limit.Maximum)
                {
                    var raised = limit with { Current = limit.Maximum };
                    if (NativeMethods.setrlimit(NativeMethods.RlimitNoFile, &raised) == 0) return (long)Math.Min(raised.Current, long.MaxValue);
                }
            }
            return (long)Math.Min(limit.Current, long.MaxValue);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Raises the limit, then throws a <see cref="PerfNotebooksException"/> when <paramref name="connections"/>
    /// sockets, the descriptors already open and <see cref="Reserve"/> do not fit under it.
    /// </summary>
    public static void EnsureRoomFor(int connections)
    {
        if (RaiseToHardLimit() is not { } limit) return;
        var open = OpenDescriptors();
        var needed = (long)connections + open + Reserve;
        if (needed <= limit) return;
        var fits = Math.Max(0, limit - open - Reserve);
        var c = CultureInfo.InvariantCulture;
        throw new PerfNotebooksException(
            $"{connections.ToString(c)} connections need about {needed.ToString(c)} open files, but this process may open only {limit.ToString(c)} " +
            $"(RLIMIT_NOFILE, hard limit; {open.ToString(c)} already open): use at most {fits.ToString(c)} connections, or raise the limit (ulimit -n) before starting.");
    }

    /// <summary>Descriptors this process has open now (/proc/self/fd).</summary>
    public static int OpenDescriptors()
    {
        try
        {
            return Directory.EnumerateFileSystemEntries("/proc/self/fd").Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
