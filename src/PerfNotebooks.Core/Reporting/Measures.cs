namespace PerfNotebooks.Reporting;

/// <summary>What a verdict compares within its dimension (the measure column of verdicts.csv).</summary>
public static class Measures
{
    /// <summary>Requests per second.</summary>
    public const string Throughput = "req/s";
    /// <summary>p99 latency.</summary>
    public const string P99 = "p99 latency";
    /// <summary>Requests per second per CPU core.</summary>
    public const string RpsPerCore = "req/s per CPU core";
    /// <summary>Memory (PSS).</summary>
    public const string Memory = "memory (PSS)";
    /// <summary>Requests per second gained.</summary>
    public const string Gain = "req/s gain";
}
