using System.Globalization;

namespace PerfNotebooks.Reporting;

/// <summary>
/// The one way a claim is judged, whatever it measures: the ratio of A over B on the ratio scale
/// (<see cref="RatioStatistics"/>) with its 95% interval, against the smallest effect the claim needs. Agrees
/// when the whole interval lies at or above it, disagrees when wholly below, cannot tell otherwise; the
/// evidence carries the numbers, the repetitions, about how many more would decide it, and every flag of the
/// conditions involved. Also the lookups the claims share.
/// </summary>
internal static class ClaimJudge
{
    /// <summary>
    /// "A over B is at least <paramref name="minimumEffect"/>". <paramref name="numbers"/> opens the evidence
    /// ("/io at 256 connections: tornado 5,879 req/s vs ...: "); the ratio, the threshold and the repetitions follow.
    /// </summary>
    public static ClaimCheck Judge(string claim, RepetitionSample a, RepetitionSample b, double minimumEffect, string numbers, params ConditionStats[] involved)
    {
        var interval = RatioStatistics.Compare(a, b);
        if (interval is null) return NotMeasured(claim, minimumEffect, numbers + "no usable repetition on one side.");
        var outcome = !interval.HasInterval ? ClaimOutcome.CannotTell
            : interval.Low >= minimumEffect ? ClaimOutcome.Agrees
            : interval.High < minimumEffect ? ClaimOutcome.Disagrees
            : ClaimOutcome.CannotTell;
        var evidence = numbers + $"{Numbers.RatioWithInterval(interval.Ratio, interval.Low, interval.High)}; the claim needs at least {Numbers.Threshold(minimumEffect)}; "
            + $"{N(a.Count)} and {N(b.Count)} repetitions.";
        if (outcome == ClaimOutcome.CannotTell)
            evidence += RatioStatistics.RepetitionsToDecide(interval, minimumEffect) is { } more
                ? $" About {N(more)} more repetition{(more == 1 ? "" : "s")} would likely decide it."
                : interval.HasInterval ? " The ratio sits near the claim's threshold: many more repetitions would be needed." : " Run at least 2 more repetitions.";
        foreach (var c in involved.Distinct())
            if (FlagNotes.Sentence(c) is { Length: > 0 } note) evidence += $" Note: {note}.";
        return new ClaimCheck(claim, outcome, evidence)
        {
            MinimumEffect = minimumEffect,
            Ratio = interval.Ratio,
            RatioLow = interval.Low,
            RatioHigh = interval.High,
        };
    }

    public static ClaimCheck NotMeasured(string claim, double minimumEffect, string why)
        => new(claim, ClaimOutcome.NotMeasured, why) { MinimumEffect = minimumEffect };

    /// <summary>A stack at its usual worker count at one endpoint and level, when it has a measured repetition.</summary>
    public static ConditionStats? At(RunAnalysis a, string stack, string endpoint, double level)
    {
        var c = a.Find(stack, endpoint, level, a.UsualWorkers(stack));
        return c is { Rps.Length: > 0 } ? c : null;
    }

    /// <summary>The stack with the most req/s (geometric mean) among <paramref name="stacks"/> at one endpoint and level.</summary>
    public static ConditionStats? Best(RunAnalysis a, IEnumerable<string> stacks, string endpoint, double level)
        => stacks.Select(s => At(a, s, endpoint, level)).OfType<ConditionStats>().OrderByDescending(c => c.RpsSample.MeanLog).FirstOrDefault();

    /// <summary>Conditions of one plan block (by label).</summary>
    public static IEnumerable<ConditionStats> InBlock(RunAnalysis a, string block)
        => a.Conditions.Where(c => c.Matrix == block && c.Rps.Length > 0);

    /// <summary>"5,879 req/s (p99 119 ms)".</summary>
    public static string RpsAndP99(ConditionStats c)
        => $"{Numbers.ThreeFigures(c.RpsSample.GeometricMean)} req/s (p99 {Numbers.ThreeFigures(c.P99Sample.GeometricMean)} ms)";

    public static string Lvl(double level) => level.ToString("#,0", CultureInfo.InvariantCulture);
    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
