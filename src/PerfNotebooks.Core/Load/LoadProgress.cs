namespace PerfNotebooks.Load;

/// <summary>A live look at a run, reported about once a second.</summary>
public sealed record LoadProgress(TimeSpan Elapsed, bool WarmingUp, long Requests, long Errors, double CurrentRequestsPerSecond);
