using HdrHistogram;

namespace PerfNotebooks.Metrics;

/// <summary>Latency percentiles in microseconds.</summary>
public sealed record LatencyPercentiles(
    double Mean,
    long P50,
    long P75,
    long P90,
    long P99,
    long P999,
    long Max)
{
    /// <summary>All zero: nothing was measured.</summary>
    public static LatencyPercentiles Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Reads the percentiles of a histogram recorded in microseconds.</summary>
    public static LatencyPercentiles From(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0) return Empty;
        return new LatencyPercentiles(
            histogram.GetMean(),
            histogram.GetValueAtPercentile(50),
            histogram.GetValueAtPercentile(75),
            histogram.GetValueAtPercentile(90),
            histogram.GetValueAtPercentile(99),
            histogram.GetValueAtPercentile(99.9),
            histogram.GetMaxValue());
    }
}
