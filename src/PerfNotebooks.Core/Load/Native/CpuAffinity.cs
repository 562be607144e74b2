using System.Numerics;
using PerfNotebooks.Native;

namespace PerfNotebooks.Load.Native;

/// <summary>
/// The CPUs the calling thread may run on now. Environment.ProcessorCount is fixed when the process starts;
/// a run placed on one CPU later (taskset on a child, or an experiment pinning its own threads with
/// sched_setaffinity, which new threads inherit) must size its event loops by the mask in force now.
/// </summary>
internal static unsafe class CpuAffinity
{
    private const int MaskWords = 16; // 1,024 CPUs, glibc's cpu_set_t

    /// <summary>CPUs in the calling thread's affinity mask; <see cref="Environment.ProcessorCount"/> where it cannot be read.</summary>
    public static int CountForCurrentThread()
    {
        var mask = stackalloc ulong[MaskWords];
        if (NativeMethods.sched_getaffinity(0, MaskWords * sizeof(ulong), mask) != 0) return Environment.ProcessorCount;
        var count = 0;
        for (var i = 0; i < MaskWords; i++) count += BitOperations.PopCount(mask[i]);
        return count > 0 ? count : Environment.ProcessorCount;
    }
}
