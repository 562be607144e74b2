namespace PerfNotebooks.Metrics;

/// <summary>What a person reads first: how many, how fast, how slow, how many failed.</summary>
public sealed record LoadSummary(
    long Requests,
    double DurationSeconds,
    double RequestsPerSecond,
    LatencyPercentiles Latency,
    long Errors);
