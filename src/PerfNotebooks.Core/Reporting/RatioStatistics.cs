namespace PerfNotebooks.Reporting;

/// <summary>
/// How two conditions compare, on the ratio scale. Performance noise is multiplicative (a busier moment
/// slows everything by a share, not by a fixed amount), so every comparison works on ln(value): the
/// difference of the mean logs is the log of the ratio of geometric means, and a Welch t interval on
/// that difference, taken back with exp, is the ratio's 95% interval. The unit is the repetition
/// (a fresh server and a fresh timed load); the per-second windows inside a repetition only set a
/// floor under each side's variance (<see cref="RepetitionSample.WithinVarianceFloor"/>), because the
/// data show that repetitions disagree far more than the seconds within one do.
/// </summary>
public static class RatioStatistics
{
    /// <summary>The most repetitions <see cref="RepetitionsToDecide(RatioInterval, EquivalenceBand)"/> looks at.</summary>
    public const int MaxRepetitions = 100;

    /// <summary>
    /// A over B. With one repetition on one side, that side is assumed as noisy as the other; with one
    /// on both, there is no interval. Null when either side has no usable value.
    /// </summary>
    public static RatioInterval? Compare(RepetitionSample a, RepetitionSample b)
    {
        if (a.Count == 0 || b.Count == 0) return null;
        var ratio = Math.Exp(a.MeanLog - b.MeanLog);
        if (a.Count < 2 && b.Count < 2) return new RatioInterval(ratio, double.NaN, double.NaN, double.NaN, double.NaN, a.Count, b.Count, double.NaN, double.NaN);
        var va = a.Count >= 2 ? a.LogVariance : b.LogVariance;
        var vb = b.Count >= 2 ? b.LogVariance : a.LogVariance;
        var (se, df) = Welch(va, a.Count, vb, b.Count, a.Count >= 2, b.Count >= 2);
        var half = se == 0 ? 0 : Statistics.TQuantile(df) * se;
        var d = a.MeanLog - b.MeanLog;
        return new RatioInterval(ratio, Math.Exp(d - half), Math.Exp(d + half), se, df, a.Count, b.Count, va, vb);
    }

    /// <summary>
    /// Three outcomes against an equivalence band: <see cref="VerdictOutcome.Lead"/> when the whole
    /// interval lies beyond the band on one side, <see cref="VerdictOutcome.Equal"/> when it lies inside
    /// it, <see cref="VerdictOutcome.CannotTell"/> when it straddles an edge (or there is none).
    /// </summary>
    public static VerdictOutcome Decide(RatioInterval interval, EquivalenceBand band)
    {
        if (!interval.HasInterval) return VerdictOutcome.CannotTell;
        if (interval.Low > band.Upper || interval.High < band.Lower) return VerdictOutcome.Lead;
        if (interval.Low >= band.Lower && interval.High <= band.Upper) return VerdictOutcome.Equal;
        return VerdictOutcome.CannotTell;
    }

    /// <summary>
    /// About how many more repetitions per side would likely turn "cannot tell" into a lead or "equal",
    /// if the ratio and the spread stay what they are now (a plug-in estimate, not a promise); null when
    /// even <see cref="MaxRepetitions"/> would not (the ratio sits on the band's edge) or the spread is
    /// unknown (one repetition on both sides: then at least 2 more are needed before anything is known).
    /// </summary>
    public static int? RepetitionsToDecide(RatioInterval interval, EquivalenceBand band)
        => RepetitionsToSeparate(interval, Math.Abs(interval.LogRatio), band.LogHalfWidth);

    /// <summary>
    /// As <see cref="RepetitionsToDecide(RatioInterval, EquivalenceBand)"/>, for a one-sided threshold
    /// (a claim's minimum effect): how many more repetitions until the interval lies wholly above or
    /// wholly below <paramref name="threshold"/>.
    /// </summary>
    public static int? RepetitionsToDecide(RatioInterval interval, double threshold)
        => RepetitionsToSeparate(interval, interval.LogRatio, Math.Log(threshold));

    private static int? RepetitionsToSeparate(RatioInterval interval, double logRatio, double logEdge)
    {
        if (double.IsNaN(interval.LogVarianceA) || double.IsNaN(interval.LogVarianceB)) return null;
        var n = Math.Min(interval.RepetitionsA, interval.RepetitionsB);
        for (var more = 1; n + more <= MaxRepetitions; more++)
        {
            var k = n + more;
            var (se, df) = Welch(interval.LogVarianceA, k, interval.LogVarianceB, k, true, true);
            var half = se == 0 ? 0 : Statistics.TQuantile(df) * se;
            if (logRatio - half > logEdge || logRatio + half < logEdge) return more;
        }
        return null;
    }

    /// <summary>A judged ratio: the interval, the outcome and, when undecided, how many more repetitions.</summary>
    public static RatioJudgement Judge(RatioInterval interval, EquivalenceBand band)
    {
        var outcome = Decide(interval, band);
        return new RatioJudgement(interval, outcome, outcome == VerdictOutcome.CannotTell ? RepetitionsToDecide(interval, band) : null);
    }

    /// <summary>Standard error of the difference of means and Welch-Satterthwaite degrees of freedom; a side whose variance was borrowed adds no degrees of freedom.</summary>
    private static (double StandardError, double DegreesOfFreedom) Welch(double varianceA, int nA, double varianceB, int nB, bool ownA, bool ownB)
    {
        var a = varianceA / nA;
        var b = varianceB / nB;
        var se = Math.Sqrt(a + b);
        if (a + b == 0) return (0, double.PositiveInfinity);
        if (!ownA) return (se, nB - 1);
        if (!ownB) return (se, nA - 1);
        var df = (a + b) * (a + b) / (a * a / (nA - 1) + b * b / (nB - 1));
        return (se, df);
    }
}
