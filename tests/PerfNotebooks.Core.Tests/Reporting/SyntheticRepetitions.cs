using MathNet.Numerics.Distributions;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Core.Tests.Reporting;

/// <summary>
/// Synthetic repetitions with a known truth, at the noise this machine shows (fixed seeds, so a test
/// reads the same numbers every time). A repetition is one server start: its level is drawn once
/// (between-repetition noise, log-normal), then its seconds scatter around that level
/// (within-repetition noise); its value is the mean of its seconds, as a cell's req/s is.
/// </summary>
internal sealed class SyntheticRepetitions(int seed)
{
    /// <summary>
    /// Between-repetition standard deviation of ln(req/s), typical for this machine: the median over the
    /// 67 conditions of data/runs/seed-reference is 0.042 (3 repetitions each), rounded up.
    /// </summary>
    public const double TypicalSpread = 0.05;

    /// <summary>A noisy condition: the upper quartile of the same 67 conditions (0.143).</summary>
    public const double NoisySpread = 0.15;

    /// <summary>Within a repetition, second to second (median 0.009 in the seed reference run).</summary>
    public const double WithinSpread = 0.01;

    /// <summary>The between-repetition spreads of ln(req/s) of all 67 conditions of data/runs/seed-reference (3 repetitions each).</summary>
    public static readonly double[] SeedReferenceSpreads =
    [
        0.002, 0.004, 0.007, 0.007, 0.008, 0.008, 0.010, 0.010, 0.011, 0.011, 0.011, 0.012, 0.013, 0.013, 0.013, 0.015, 0.015,
        0.016, 0.020, 0.021, 0.021, 0.022, 0.023, 0.024, 0.025, 0.025, 0.025, 0.026, 0.026, 0.026, 0.029, 0.032, 0.036, 0.042,
        0.044, 0.050, 0.052, 0.073, 0.078, 0.079, 0.081, 0.085, 0.090, 0.093, 0.095, 0.102, 0.108, 0.121, 0.126, 0.132, 0.143,
        0.159, 0.163, 0.185, 0.201, 0.204, 0.209, 0.214, 0.216, 0.233, 0.244, 0.245, 0.326, 0.351, 0.354, 0.403, 0.568,
    ];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    /// <summary>
    /// <paramref name="repetitions"/> repetitions of a condition whose true typical value is <paramref name="level"/>;
    /// <paramref name="halvedShare"/> of them land at half their level (a server that came up unbalanced, as gthread did in the seed run).
    /// </summary>
    public RepetitionSample Draw(double level, int repetitions, double spread, int seconds = 2, double within = WithinSpread, double halvedShare = 0)
    {
        var values = new double[repetitions];
        var windows = new IReadOnlyList<double>[repetitions];
        for (var r = 0; r < repetitions; r++)
        {
            var repLevel = Math.Log(level) + spread * Normal.Sample(_random, 0, 1);
            if (halvedShare > 0 && _random.NextDouble() < halvedShare) repLevel += Math.Log(0.5);
            var w = new double[seconds];
            for (var s = 0; s < seconds; s++) w[s] = Math.Exp(repLevel + within * Normal.Sample(_random, 0, 1));
            windows[r] = w;
            values[r] = w.Average();
        }
        return RepetitionSample.Of(values, windows);
    }

    /// <summary>Share of <paramref name="pairs"/> draws of A (true level <paramref name="ratio"/>) against B (level 1) with each outcome; leads are split by direction.</summary>
    public Rates Compare(int pairs, double ratio, int repetitions, Func<double> spread, double halvedShare = 0)
    {
        int right = 0, wrong = 0, equal = 0;
        for (var i = 0; i < pairs; i++)
        {
            var s = spread();
            var a = Draw(1000 * ratio, repetitions, s, halvedShare: halvedShare);
            var b = Draw(1000, repetitions, s, halvedShare: halvedShare);
            var j = RatioStatistics.Judge(RatioStatistics.Compare(a, b)!, EquivalenceBand.Default);
            if (j.Outcome == VerdictOutcome.Equal) equal++;
            else if (j.Outcome == VerdictOutcome.Lead && j.Interval.Ratio > 1) right++;
            else if (j.Outcome == VerdictOutcome.Lead) wrong++;
        }
        return new Rates((double)right / pairs, (double)wrong / pairs, (double)equal / pairs);
    }

    /// <summary>Outcome shares: leads by A (the truly faster side when ratio &gt; 1), leads by B, practically equal.</summary>
    public sealed record Rates(double LeadA, double LeadB, double Equal)
    {
        public double AnyLead => LeadA + LeadB;

        public override string ToString() => $"lead A {LeadA:P1}, lead B {LeadB:P1}, equal {Equal:P1}, cannot tell {1 - AnyLead - Equal:P1}";
    }
}
