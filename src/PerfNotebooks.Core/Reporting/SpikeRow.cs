namespace PerfNotebooks.Reporting;

/// <summary>
/// One stack meeting a traffic spike, over its repetitions (<see cref="SpikesTable"/>): the p99 before the spike and
/// at its worst, how long the p99 took to come back within 2x after the spike, and how much of what was asked from the
/// spike on was served or failed. <see cref="Seconds"/> is the first repetition second by second, for charts.
/// </summary>
public sealed record SpikeRow
{
    public required string Stack { get; init; }
    public required string Endpoint { get; init; }
    public required string Profile { get; init; }
    public required int Repetitions { get; init; }
    public required double BaselineP99Ms { get; init; }
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

    public required IReadOnlyList<SpikeSecond> Seconds { get; init; }

    /// <summary>"1.3 s", "not within 4 s", "2 of 3 repetitions, 1.5 s".</summary>
    public string RecoveryText => Recovered == Repetitions && RecoverySeconds is { } r ? $"{Numbers.Short(r)} s"
        : Recovered == 0 ? $"not within {Numbers.Short(SecondsAfterSpike)} s"
        : $"{Recovered.ToString(System.Globalization.CultureInfo.InvariantCulture)} of {Repetitions.ToString(System.Globalization.CultureInfo.InvariantCulture)} repetitions, {Numbers.Short(RecoverySeconds ?? double.NaN)} s";
}
