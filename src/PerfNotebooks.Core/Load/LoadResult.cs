using HdrHistogram;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Load;

/// <summary>
/// Everything one load run measured. Immutable once built; writers (.hgrm, .hlog, JSON) read it.
/// <see cref="Corrected"/> measures from each request's intended send time (coordinated omission
/// corrected); in closed loop it equals <see cref="Uncorrected"/>.
/// </summary>
public sealed class LoadResult
{
    public required LoadSpec Spec { get; init; }
    public required LoadSummary Summary { get; init; }

    /// <summary>Latency in microseconds from the intended send time.</summary>
    public required HistogramBase Corrected { get; init; }

    /// <summary>Latency in microseconds from the actual send time.</summary>
    public required HistogramBase Uncorrected { get; init; }

    public required IReadOnlyList<TimelineSecond> Timeline { get; init; }

    /// <summary>The corrected histogram cut about once a second (compressed), for the .hlog interval log.</summary>
    public IReadOnlyList<HistogramInterval> Intervals { get; init; } = [];
    public required ErrorCounts Errors { get; init; }
    public required ClientAudit Client { get; init; }

    /// <summary>Connections re-opened after the server closed one (not an error: Connection: close is legal).</summary>
    public long Reconnects { get; init; }

    public DateTimeOffset StartedAt { get; init; }
}
