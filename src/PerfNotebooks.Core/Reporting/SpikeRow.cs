namespace PerfNotebooks.Reporting;

/// <summary>
/// One stack meeting a traffic spike, over its repetitions (<see cref="SpikesTable"/>): the p99 before the spike and
/// at its worst, how long the p99 took to come back within 2x after the spike, and how much of what was asked from the
/// spike on was served or failed. <see cref="Seconds"/> is the first repetition second by second, for charts.
/// </summary>
public sealed record SpikeRow
{
    /// <summary>The stack.</summary>
    public required string Stack { get; init; }
    /// <summary>The endpoint.</summary>
    public required string Endpoint { get; init; }
    /// <summary>The rate profile, as written.</summary>
    public required string Profile { get; init; }
    /// <summary>Repetitions measured.</summary>
    public required int Repetitions { get; init; }
    /// <summary>The median p99 before the spike (ms).</summary>
    public required double BaselineP99Ms { get; init; }
    /// <summary>The worst second's p99 from the spike on (ms).</summary>
    public required double WorstP99Ms { get; init; }

    /// <summary>Mean recovery in seconds over the repetitions that recovered; null when none did.</summary>
    public double? RecoverySeconds { get; init; }

    /// <summary>Repetitions whose p99 came back within 2x inside the run.</summary>
    public required int Recovered { get; init; }

    /// <summary>Seconds the run went on after the spike (a recovery not seen within them is longer).</summary>
    public required double SecondsAfterSpike { get; init; }

    /// <summary>Served over offered, from the spike's start to the run's end (mean over repetitions).</summary>
    public required double ServedShare { get; init; }

    /// <summary>Failed over offered, from the spike's start on (mean over repetitions).</summary>
    public required double ErrorShare { get; init; }

    /// <summary>Every second, over the repetitions.</summary>
    public required IReadOnlyList<SpikeSecond> Seconds { get; init; }

    /// <summary>"1.3 s", "not within 4 s", "2 of 3 repetitions, 1.5 s".</summary>
    public string RecoveryText => Recovered == Repetitions && RecoverySeconds is { } r ? $"{Numbers.ThreeFigures(r)} s"
        : Recovered == 0 ? $"not within {Numbers.ThreeFigures(SecondsAfterSpike)} s"
        : $"{Recovered.ToString(System.Globalization.CultureInfo.InvariantCulture)} of {Repetitions.ToString(System.Globalization.CultureInfo.InvariantCulture)} repetitions, {Numbers.ThreeFigures(RecoverySeconds ?? double.NaN)} s";
}
