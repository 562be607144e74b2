using HdrHistogram;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Load;

/// <summary>
/// Everything one load run measured. Immutable once built; writers (.hgrm, .hlog, JSON) read it.
/// <see cref="Corrected"/> measures from each request's intended send time (coordinated omission
/// corrected); in closed loop it equals <see cref="Uncorrected"/>.
/// </summary>
public sealed record LoadResult
{
    /// <summary>The load that was run.</summary>
    public required LoadSpec Spec { get; init; }
    /// <summary>Requests, duration, throughput and corrected latency percentiles.</summary>
    public required LoadSummary Summary { get; init; }

    /// <summary>Latency in microseconds from the intended send time.</summary>
    public required HistogramBase Corrected { get; init; }

    /// <summary>Latency in microseconds from the actual send time.</summary>
    public required HistogramBase Uncorrected { get; init; }

    /// <summary>Requests, errors and latency per second of the recorded window.</summary>
    public required IReadOnlyList<TimelineSecond> Timeline { get; init; }

    /// <summary>The corrected histogram cut about once a second (compressed), for the .hlog interval log.</summary>
    public IReadOnlyList<HistogramInterval> Intervals { get; init; } = [];
    /// <summary>Failed requests by class.</summary>
    public required ErrorCounts Errors { get; init; }
    /// <summary>The generator's own audit: CPU, send lag, saturation, backend.</summary>
    public required ClientAudit Client { get; init; }

    /// <summary>
    /// Connections re-opened after a legal close: Connection: close (or a close-delimited body) after a complete
    /// response, or the server closing a connection while it was idle. Not errors; a close with a request on the
    /// connection is that request's error, and the connection re-opened after it is not counted here.
    /// </summary>
    public long Reconnects { get; init; }

    /// <summary>When the recorded window began.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>A ws:// run's messages (sent, received, due); null for HTTP.</summary>
    public WebSocketMessages? Messages { get; init; }

    /// <summary>A constant-rate run below this share of its target rate missed it (the server could not keep up).</summary>
    public const double RateMissedBelowShare = 0.95;

    /// <summary>Responses with a 2xx status.</summary>
    public long Successes => Summary.Requests - Errors.Status.Values.Sum();

    /// <summary>Requests that ended: every success and every error of any class.</summary>
    public long Attempts => Successes + Errors.Total;

    /// <summary>Errors of any class over <see cref="Attempts"/>; 0 when nothing was attempted.</summary>
    public double ErrorRate => Attempts == 0 ? 0 : Errors.Total / (double)Attempts;

    /// <summary>
    /// Open loop: the requests (or messages) per second asked for, a profile's mean over the recorded window, a
    /// broadcast's deliveries owed per second (messages x the others of a room); null in closed loop.
    /// </summary>
    public double? TargetRate => Spec.Profile is { } profile && Summary.DurationSeconds > 0
        ? profile.Requests(0, Summary.DurationSeconds) / Summary.DurationSeconds
        : Messages is { Rooms: not null } m && Summary.DurationSeconds > 0 ? m.DeliveriesDue / Summary.DurationSeconds
        : Spec.EffectiveRate;

    /// <summary>Open loop: completed responses (or messages) per second over the recorded window; null in closed loop.</summary>
    public double? AchievedRate => Spec.IsOpenLoop ? Summary.RequestsPerSecond : null;

    /// <summary>
    /// Constant rate: the achieved rate stayed below <see cref="RateMissedBelowShare"/> of the target, so the
    /// latencies describe a server that fell behind, not one serving the target rate.
    /// </summary>
    public bool MissedTargetRate => TargetRate is { } target && Summary.DurationSeconds > 0 && Summary.RequestsPerSecond < RateMissedBelowShare * target;

    /// <summary>"target 400 req/s, achieved 290: the server could not keep up" when the target was missed; null otherwise.</summary>
    public string? MissedTargetRateText => !MissedTargetRate ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"target {TargetRate:0.##} req/s, achieved {Summary.RequestsPerSecond:0}: {(Client.Saturated ? "the generator could not keep up (it was saturated)" : "the server could not keep up")}");
}
