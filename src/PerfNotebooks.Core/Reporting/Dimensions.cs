namespace PerfNotebooks.Reporting;

/// <summary>The four questions a comparison answers, in the order every view shows them.</summary>
public static class Dimensions
{
    /// <summary>Requests per second.</summary>
    public const string Throughput = "throughput";
    /// <summary>Latency.</summary>
    public const string ResponseTime = "response time";
    /// <summary>CPU and memory per request.</summary>
    public const string ResourceUse = "resource use";
    /// <summary>Throughput gained with more connections or workers.</summary>
    public const string Scalability = "scalability";

    /// <summary>Every dimension, in the order reports show them.</summary>
    public static IReadOnlyList<string> All { get; } = [Throughput, ResponseTime, ResourceUse, Scalability];
}
