namespace PerfNotebooks.Reporting;

/// <summary>One second of a run that followed a rate profile: what the profile asked for, what completed, what failed, and that second's p99 (from each request's intended send time).</summary>
public sealed record SpikeSecond(int Second, double Offered, long Served, long Errors, double P99Ms);
