namespace PerfNotebooks.Load.Native;

/// <summary>
/// The process's open-file limit. Each connection is one file descriptor; distributions start processes with a
/// soft limit (often 1024) far below the hard one, so the engine raises the soft limit to the hard one first,
/// as a server would.
/// </summary>
internal static unsafe class FileDescriptorLimit
{
    /// <summary>Raises the soft limit to the hard limit; returns the soft limit now in force (0 if unknown).</summary>
    public static ulong RaiseToHardLimit()
    {
        Libc.ResourceLimit limit;
        if (Libc.getrlimit(Libc.RlimitNoFile, &limit) != 0) return 0;
        if (limit.Current < limit.Maximum)
        {
            var raised = new Libc.ResourceLimit { Current = limit.Maximum, Maximum = limit.Maximum };
            if (Libc.setrlimit(Libc.RlimitNoFile, &raised) == 0) return raised.Current;
        }
        return limit.Current;
    }

    /// <summary>Descriptors this process has open now (the runtime's own, the host's), from /proc/self/fd.</summary>
    public static int OpenNow()
    {
        try
        {
            return Directory.EnumerateFileSystemEntries("/proc/self/fd").Count();
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
