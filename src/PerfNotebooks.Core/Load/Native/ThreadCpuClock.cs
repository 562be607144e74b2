using PerfNotebooks.Native;

namespace PerfNotebooks.Load.Native;

/// <summary>CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID): how busy one event loop was.</summary>
internal static unsafe class ThreadCpuClock
{
    public static TimeSpan Now()
    {
        NativeMethods.Timespec time;
        if (NativeMethods.clock_gettime(NativeMethods.ClockThreadCpuTime, &time) != 0) return TimeSpan.Zero;
        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }
}
