namespace PerfNotebooks.Metrics;

/// <summary>
/// The generator auditing itself. On a small machine the generator shares cores with the server, so its
/// own CPU is part of every result; when it, not the server, set the pace, <see cref="Saturated"/> says so.
/// </summary>
/// <param name="CpuSeconds">Process CPU time (user + system) the generator used during the recorded phase.</param>
/// <param name="SendLagP99Us">Constant rate: how late sends went out after their intended time, p99 (0 in closed loop).</param>
/// <param name="SendLagMaxUs">Constant rate: the latest send (0 in closed loop).</param>
/// <param name="Saturated">The generator, not the server, set the pace.</param>
/// <param name="SaturationReason">Why <see cref="Saturated"/> is set, in words.</param>
public sealed record ClientAudit(
    double CpuSeconds,
    long SendLagP99Us,
    long SendLagMaxUs,
    bool Saturated,
    string? SaturationReason)
{
    /// <summary>
    /// Managed bytes allocated per completed request in steady state (after the first recorded second),
    /// the monitor thread's once-a-second bookkeeping excluded. The engine's goal is ~0.
    /// </summary>
    public double AllocatedBytesPerRequest { get; init; }

    /// <summary>Logical processors the generator could run on (its CPU share is judged against them).</summary>
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;
}
