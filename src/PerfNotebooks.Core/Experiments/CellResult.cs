using HdrHistogram;
using PerfNotebooks.Metrics;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>
/// What one cell measured, as the run store keeps it: the load summary, errors, the generator's audit,
/// the server's resource use, the per-second timeline, the resource samples and both latency
/// histograms. A cell that could not be measured (its server would not start, died, or the load failed) is
/// kept with a failure flag and a <see cref="Note"/> whose first line is the <see cref="Reason"/>.
/// </summary>
public sealed record CellResult
{
    /// <summary>The cell of the plan this measured.</summary>
    public required PlanCell Cell { get; init; }
    /// <summary>When the measured window began (after the warm-up).</summary>
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>Requests, duration, throughput and corrected latency percentiles.</summary>
    public required LoadSummary Summary { get; init; }
    /// <summary>Failed requests by class.</summary>
    public required ErrorCounts Errors { get; init; }
    /// <summary>The load generator's own audit: CPU, send lag, saturation.</summary>
    public required ClientAudit Client { get; init; }
    /// <summary>Connections re-opened after a legal close (not errors).</summary>
    public long Reconnects { get; init; }
    /// <summary>The server tree's CPU and memory over the cell.</summary>
    public required ServerUsage Server { get; init; }
    /// <summary>Python, app and server versions of the stack measured.</summary>
    public ServerVersions? Versions { get; init; }

    /// <summary>Values from <see cref="CellFlags"/>; empty when the cell is clean.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>Why a cell is flagged, e.g. the launcher's error with the server's log tail. Text from a server: encode before showing.</summary>
    public string Note { get; init; } = "";

    /// <summary>Requests, errors and latency per second of the measured window.</summary>
    public IReadOnlyList<TimelineSecond> Timeline { get; init; } = [];
    /// <summary>The server tree's CPU and memory samples over the cell.</summary>
    public IReadOnlyList<ResourceSample> Resources { get; init; } = [];

    /// <summary>Latency in microseconds from the intended send time; null when nothing was measured.</summary>
    public HistogramBase? Corrected { get; init; }

    /// <summary>Latency in microseconds from the actual send time.</summary>
    public HistogramBase? Uncorrected { get; init; }

    /// <summary>
    /// Empty for a cell's own row. For one load host's share of a distributed cell: that host's address
    /// (its own summary, errors and generator audit; server columns as the cell's).
    /// </summary>
    public string Host { get; init; } = "";

    /// <summary>A distributed cell's per-load-host rows (each with <see cref="Host"/> set); empty when the load ran on one machine.</summary>
    public IReadOnlyList<CellResult> PerHost { get; init; } = [];

    /// <summary>True when the cell carries <paramref name="flag"/> (<see cref="CellFlags"/>).</summary>
    public bool HasFlag(string flag) => Flags.Contains(flag, StringComparer.Ordinal);

    /// <summary>
    /// Errors of any class over attempts (2xx answers + errors), as LoadResult.ErrorRate: a non-2xx answer is
    /// both a completed request and an error, so it is counted once. 0 when nothing was attempted.
    /// </summary>
    public double ErrorRate
    {
        get
        {
            var attempts = Summary.Requests - Errors.Status.Values.Sum() + Errors.Total;
            return attempts <= 0 ? 0 : Errors.Total / (double)attempts;
        }
    }

    /// <summary>True when this cell has a measurement (its server started).</summary>
    /// <summary>True when this cell holds a measurement to use: it did not fail (see <see cref="Failed"/>).</summary>
    public bool Measured => !Failed;

    /// <summary>
    /// True when the cell failed to start or to measure (a flag of <see cref="CellFlags.Failures"/>): it is stored
    /// with its <see cref="Reason"/>, left out of statistics, and measured again by a resume.
    /// </summary>
    public bool Failed => Flags.Any(CellFlags.Failures.Contains);

    /// <summary>Why the cell failed, in one line naming the stack and the cause (the note's first line); empty when it did not.</summary>
    public string Reason => Failed ? Note.Split('\n', 2)[0].TrimEnd('\r') : "";
}
