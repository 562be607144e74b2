namespace PerfNotebooks.Reporting;

/// <summary>
/// How one repetition met a traffic spike: second by second, and in a few numbers. <see cref="RecoverySeconds"/>
/// counts from the end of the spike until the p99 is back within <see cref="SpikeAnalysis.RecoveredWithin"/>
/// times its level before the spike (and stays so the next second); null when it never was within the run.
/// </summary>
public sealed record SpikeResponse
{
    /// <summary>Every second of the repetition, the spike's included.</summary>
    public required IReadOnlyList<SpikeSecond> Seconds { get; init; }

    /// <summary>The median p99 of the whole seconds before the spike (ms).</summary>
    public required double BaselineP99Ms { get; init; }

    /// <summary>The worst second's p99 from the spike's start on (ms).</summary>
    public required double WorstP99Ms { get; init; }

    /// <summary>Seconds from the spike's end until the p99 recovered; null: not within the run.</summary>
    public double? RecoverySeconds { get; init; }

    /// <summary>Seconds of the run left after the spike's end: a recovery not seen within them is longer.</summary>
    public required double SecondsAfterSpike { get; init; }

    /// <summary>Requests asked for and served from the spike's start to the end of the run.</summary>
    public required double OfferedFromSpike { get; init; }
    /// <summary>Requests served from the spike's start to the end of the run.</summary>
    public required long ServedFromSpike { get; init; }

    /// <summary>Failed requests from the spike's start to the end of the run, over the requests asked for then.</summary>
    public required double ErrorShareFromSpike { get; init; }

    /// <summary>
    /// The recovery as one positive number per repetition, for ratios: seconds to recover plus one (0 s → 1), and
    /// for a run that never recovered, the seconds it had plus one (a floor: the truth is longer).
    /// </summary>
    public double RecoveryScore => (RecoverySeconds ?? SecondsAfterSpike) + 1;
}
