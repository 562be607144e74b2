namespace PerfNotebooks.Metrics;

/// <summary>Latency percentiles in microseconds.</summary>
public sealed record LatencyPercentiles(
    double Mean,
    long P50,
    long P75,
    long P90,
    long P99,
    long P999,
    long Max);
