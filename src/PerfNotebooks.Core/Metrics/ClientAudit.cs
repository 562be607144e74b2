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
    /// Managed bytes the generator's event-loop threads allocated per completed request in steady state (from one
    /// second into the recorded phase to its end). The engine's goal is 0.
    /// </summary>
    public double AllocatedBytesPerRequest { get; init; }

    /// <summary>Logical processors the generator could run on (its CPU share is judged against them).</summary>
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;

    /// <summary>The I/O backend that ran: "io_uring" or "epoll" (null in results stored before it was recorded).</summary>
    public string? Backend { get; init; }

    /// <summary>Why the preferred backend did not run (io_uring refused or missing), or null.</summary>
    public string? BackendNote { get; init; }

    /// <summary>Event-loop threads the generator ran (each owns a share of the connections).</summary>
    public int Threads { get; init; }

    /// <summary>Connections open when the run started (those whose first connect succeeded).</summary>
    public int ConnectionsOpened { get; init; }

    /// <summary>Seconds from the first connect until the last of <see cref="ConnectionsOpened"/> was open.</summary>
    public double OpenSeconds { get; init; }

    /// <summary>
    /// Peak resident memory of the process that ran the generator (VmHWM), in bytes: the whole process, so in a
    /// notebook kernel or a test host it includes theirs. 0 where unknown.
    /// </summary>
    public long PeakRssBytes { get; init; }

    /// <summary>The busiest event-loop thread's CPU time as a share of the recorded phase (1 = a whole core).</summary>
    public double LoopBusyShare { get; init; }
}
