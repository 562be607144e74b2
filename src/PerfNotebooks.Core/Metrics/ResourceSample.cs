namespace PerfNotebooks.Metrics;

/// <summary>
/// One look at a server's whole process tree (master and forked workers).
/// CPU seconds are cumulative since the tree started; <see cref="CpuPercent"/> is over the interval
/// since the previous sample (100 = one core busy). PSS shares the pages forked workers share; RSS
/// double-counts them.
/// </summary>
public sealed record ResourceSample(
    TimeSpan Elapsed,
    double CpuUserSeconds,
    double CpuSystemSeconds,
    double CpuPercent,
    long RssBytes,
    long PssBytes,
    int ProcessCount);
