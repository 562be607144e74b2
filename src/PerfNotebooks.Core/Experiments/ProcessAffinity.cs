using System.Globalization;
using PerfNotebooks.Native;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Pins every thread of this process to a CPU list (sched_setaffinity per thread of /proc/self/task;
/// threads started later inherit it from the thread that starts them, child processes from their
/// parent) and puts the previous placement back when disposed. Best effort: a thread that ended
/// meanwhile, or a kernel that refuses, leaves the rest pinned and the measurement valid.
/// </summary>
internal sealed class ProcessAffinity : IDisposable
{
    private const int MaskWords = 16; // 1024 CPUs, glibc's cpu_set_t
    private readonly ulong[] _previous;
    private bool _disposed;

    private ProcessAffinity(ulong[] previous) => _previous = previous;

    private static unsafe int SchedSetAffinity(int tid, nuint size, ulong[] mask)
    {
        fixed (ulong* bits = mask) return NativeMethods.sched_setaffinity(tid, size, bits);
    }

    private static unsafe int SchedGetAffinity(int tid, nuint size, ulong[] mask)
    {
        fixed (ulong* bits = mask) return NativeMethods.sched_getaffinity(tid, size, bits);
    }

    /// <summary>Pins this process to <paramref name="cpus"/>; null when pinning is not possible here (then nothing changed).</summary>
    public static ProcessAffinity? Pin(string cpus)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var previous = new ulong[MaskWords];
            if (SchedGetAffinity(Environment.ProcessId, (nuint)(MaskWords * sizeof(ulong)), previous) != 0) return null;
            var mask = new ulong[MaskWords];
            foreach (var cpu in CpuSet.Parse(cpus)) mask[cpu / 64] |= 1UL << (cpu % 64);
            if (ApplyToAllThreads(mask) == 0) return null;
            return new ProcessAffinity(previous);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or FormatException or IOException)
        {
            return null;
        }
    }

    /// <summary>The CPU list a thread of this process may run on now (for tests and run records).</summary>
    public static string Current(int tid = 0)
    {
        var mask = new ulong[MaskWords];
        if (SchedGetAffinity(tid, (nuint)(MaskWords * sizeof(ulong)), mask) != 0) return "";
        return CpuSet.Format(Enumerable.Range(0, MaskWords * 64).Where(c => (mask[c / 64] & (1UL << (c % 64))) != 0));
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try { ApplyToAllThreads(_previous); }
        catch (Exception e) when (e is IOException or DllNotFoundException) { }
    }

    private static int ApplyToAllThreads(ulong[] mask)
    {
        var applied = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var tid)) continue;
            if (SchedSetAffinity(tid, (nuint)(mask.Length * sizeof(ulong)), mask) == 0) applied++;
        }
        return applied;
    }
}
