using System.Runtime.InteropServices;

namespace PerfNotebooks.Servers;

/// <summary>The few libc calls the server lab needs: signals to whole process groups, and clock ticks.</summary>
internal static class Posix
{
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    private const int ScClkTck = 2; // _SC_CLK_TCK on Linux (glibc)
    private const int ScPageSize = 30; // _SC_PAGESIZE on Linux (glibc)

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);

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
        return SysKill(target, signal) == 0;
    }

    private static long ReadClockTicks()
    {
        try { var ticks = SysConf(ScClkTck); return ticks > 0 ? ticks : 100; }
        catch (DllNotFoundException) { return 100; }
    }

    private static long ReadPageSize()
    {
        try { var size = SysConf(ScPageSize); return size > 0 ? size : 4096; }
        catch (DllNotFoundException) { return 4096; }
    }
}
