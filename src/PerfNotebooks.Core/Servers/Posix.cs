using PerfNotebooks.Native;

namespace PerfNotebooks.Servers;

/// <summary>What the server lab asks of the system: signals to processes and whole process groups, clock ticks, the page size.</summary>
internal static class Posix
{
    public const int SIGINT = NativeMethods.SigInt;
    public const int SIGKILL = NativeMethods.SigKill;
    public const int SIGTERM = NativeMethods.SigTerm;

    /// <summary>Clock ticks per second, the unit of CPU times in /proc/PID/stat (normally 100).</summary>
    public static readonly long ClockTicks = ReadClockTicks();

    /// <summary>Bytes per memory page, the unit of RSS in /proc/PID/stat.</summary>
    public static readonly long PageSize = ReadPageSize();

    /// <summary>Sends <paramref name="signal"/> to one process; false when it no longer exists.</summary>
    public static bool Kill(int pid, int signal) => Send(pid, signal);

    /// <summary>Sends <paramref name="signal"/> to every process of group <paramref name="pgid"/>; false when the group is empty.</summary>
    public static bool KillGroup(int pgid, int signal) => pgid > 1 && Send(-pgid, signal);

    private static bool Send(int target, int signal)
    {
        // ESRCH (gone) and EPERM (the PID now belongs to someone else) both mean: nothing of ours to signal.
        return NativeMethods.kill(target, signal) == 0;
    }

    private static long ReadClockTicks()
    {
        try { var ticks = NativeMethods.sysconf(NativeMethods.ScClkTck); return ticks > 0 ? ticks : 100; }
        catch (DllNotFoundException) { return 100; }
    }

    private static long ReadPageSize()
    {
        try { var size = NativeMethods.sysconf(NativeMethods.ScPageSize); return size > 0 ? size : 4096; }
        catch (DllNotFoundException) { return 4096; }
    }
}
