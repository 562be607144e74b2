namespace PerfNotebooks.Load.Native;

/// <summary>CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID): how busy one event loop was.</summary>
internal static unsafe class ThreadCpuClock
{
    public static TimeSpan Now()
    {
        Libc.Timespec time;
        if (Libc.clock_gettime(Libc.ClockThreadCpuTime, &time) != 0) return TimeSpan.Zero;
        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }
}
