namespace PerfNotebooks.Reporting;

/// <summary>What a verdict compares within its dimension (the measure column of verdicts.csv).</summary>
public static class Measures
{
    public const string Throughput = "req/s";
    public const string P99 = "p99 latency";
    public const string RpsPerCore = "req/s per CPU core";
    public const string Memory = "memory (PSS)";
    public const string Gain = "req/s gain";
}
