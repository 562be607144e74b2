namespace PerfNotebooks.Reporting;

/// <summary>The four questions a comparison answers, in the order every view shows them.</summary>
public static class Dimensions
{
    public const string Throughput = "throughput";
    public const string ResponseTime = "response time";
    public const string ResourceUse = "resource use";
    public const string Scalability = "scalability";

    public static IReadOnlyList<string> All { get; } = [Throughput, ResponseTime, ResourceUse, Scalability];
}
