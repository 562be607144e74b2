using System.Runtime.InteropServices;

namespace PerfNotebooks.Load.Native;

/// <summary>The errno values the event loops act on (Linux, generic numbering: x86-64 and arm64 agree).</summary>
internal static class Errno
{
    public const int EPERM = 1, EINTR = 4, EBADF = 9, EAGAIN = 11, ENOMEM = 12, EFAULT = 14, EBUSY = 16,
        ENFILE = 23, EMFILE = 24, EPIPE = 32, ENOSYS = 38, ETIME = 62, ECONNABORTED = 103, ECONNRESET = 104,
        ENOBUFS = 105, ENOTCONN = 107, ETIMEDOUT = 110, ECONNREFUSED = 111, EINPROGRESS = 115, ECANCELED = 125,
        EINVAL = 22;

    /// <summary>The errno of the last LibraryImport call made with SetLastError.</summary>
    public static int Last => Marshal.GetLastPInvokeError();

    /// <summary>"Connection refused (ECONNREFUSED)": for messages, never for the hot path.</summary>
    public static string Describe(int errno)
    {
        var name = errno switch
        {
            EPERM => "EPERM",
            EINTR => "EINTR",
            EBADF => "EBADF",
            EAGAIN => "EAGAIN",
            ENOMEM => "ENOMEM",
            EINVAL => "EINVAL",
            ENFILE => "ENFILE",
            EMFILE => "EMFILE",
            EPIPE => "EPIPE",
            ENOSYS => "ENOSYS",
            ECONNRESET => "ECONNRESET",
            ENOBUFS => "ENOBUFS",
            ETIMEDOUT => "ETIMEDOUT",
            ECONNREFUSED => "ECONNREFUSED",
            _ => "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return $"{Marshal.GetPInvokeErrorMessage(errno)} ({name})";
    }
}
