namespace PerfNotebooks.Reporting;

/// <summary>
/// One row of the verdict table: in one dimension (throughput, response time, scalability, resource
/// use) at one condition, who leads, by how much over the runner-up, and whether that difference is
/// beyond the run-to-run noise (Welch's t-test, p &lt; 0.05).
/// </summary>
public sealed record Verdict(
    string Dimension,
    string Condition,
    string Leader,
    string LeaderValue,
    string RunnerUp,
    string RunnerUpValue,
    double Ratio,
    double PValue,
    bool Distinguishable,
    string Summary);
