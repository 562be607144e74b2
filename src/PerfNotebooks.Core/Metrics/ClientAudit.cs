namespace PerfNotebooks.Metrics;

/// <summary>
/// The generator auditing itself. On a small machine the generator shares cores with the server, so its
/// own CPU is part of every result; when it, not the server, set the pace, <see cref="Saturated"/> says so.
/// </summary>
public sealed record ClientAudit(
    double CpuSeconds,
    long SendLagP99Us,
    long SendLagMaxUs,
    bool Saturated,
    string? SaturationReason);
