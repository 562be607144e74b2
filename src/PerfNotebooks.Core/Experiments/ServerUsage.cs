using PerfNotebooks.Metrics;

namespace PerfNotebooks.Experiments;

/// <summary>
/// The server's whole process tree over one cell's measured period (warm-up excluded): mean CPU (100 =
/// one core), CPU seconds, peak RSS and PSS, peak process count.
/// </summary>
public sealed record ServerUsage(double CpuPercent, double CpuSeconds, long RssMaxBytes, long PssMaxBytes, int Processes)
{
    /// <summary>No samples: nothing known of the server.</summary>
    public static ServerUsage None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Summarises the samples taken from <paramref name="from"/> on (the end of the warm-up).</summary>
    public static ServerUsage FromSamples(IReadOnlyList<ResourceSample> samples, TimeSpan from)
    {
        if (samples.Count == 0) return None;
        // The baseline is the last sample at or before the measured period began, so CPU seconds are
        // exactly those the measured period used.
        var baseline = samples.LastOrDefault(s => s.Elapsed <= from) ?? samples[0];
        var measured = samples.Where(s => s.Elapsed >= baseline.Elapsed).ToList();
        var last = measured[^1];
        var cpuSeconds = Math.Max(0, (last.CpuUserSeconds + last.CpuSystemSeconds) - (baseline.CpuUserSeconds + baseline.CpuSystemSeconds));
        var wall = (last.Elapsed - baseline.Elapsed).TotalSeconds;
        var cpuPercent = wall > 0 ? 100.0 * cpuSeconds / wall : measured.Average(s => s.CpuPercent);
        return new ServerUsage(
            cpuPercent,
            cpuSeconds,
            measured.Max(s => s.RssBytes),
            measured.Max(s => s.PssBytes),
            measured.Max(s => s.ProcessCount));
    }
}
