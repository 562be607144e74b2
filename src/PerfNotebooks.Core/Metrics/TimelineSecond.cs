namespace PerfNotebooks.Metrics;

/// <summary>One second of a run: completed requests, errors, and that second's latency (microseconds).</summary>
public sealed record TimelineSecond(int Second, long Requests, long Errors, long P50, long P99);
