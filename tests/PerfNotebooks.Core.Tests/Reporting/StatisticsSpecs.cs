using PerfNotebooks.Reporting;

namespace PerfNotebooks.Core.Tests.Reporting;

public sealed class StatisticsSpecs
{
    private static RatioJudgement Judge(double[] a, double[] b, double band = 0.05)
        => RatioStatistics.Judge(RatioStatistics.Compare(RepetitionSample.Of(a), RepetitionSample.Of(b))!, new EquivalenceBand(band));

    [Fact]
    public void The_confidence_interval_is_Student_t_over_the_repetitions()
    {
        var e = Statistics.MeanInterval([10, 12, 14]);
        Assert.Equal(12, e.Mean, 9);
        Assert.Equal(2, e.StdDev, 9);
        Assert.Equal(4.302653 * 2 / Math.Sqrt(3), e.HalfWidth, 4);
        Assert.True(e.HasInterval);
        Assert.False(Statistics.MeanInterval([5]).HasInterval);
    }

    [Fact]
    public void The_t_quantiles_match_the_printed_tables()
    {
        Assert.Equal(12.706, Statistics.TQuantile(1), 3);
        Assert.Equal(2.228, Statistics.TQuantile(10), 3);
        Assert.Equal(1.960, Statistics.TQuantile(double.PositiveInfinity), 3);
    }

    [Fact]
    public void The_figures_of_the_issue_make_a_clear_lead_not_cannot_tell()
    {
        // starlette-uvicorn vs tornado, /plaintext at 64 connections, two repetitions each (issue 8).
        var j = Judge([27_501, 22_052], [4_398, 6_006]);
        Assert.Equal(VerdictOutcome.Lead, j.Outcome);
        Assert.InRange(j.Interval.Ratio, 4.7, 4.8);
        Assert.True(j.Interval.Low > 1.05);
        Assert.True(j.Interval.High > j.Interval.Ratio);
    }

    [Fact]
    public void Two_identical_lists_are_equal_or_cannot_tell_never_a_lead()
    {
        double[][] lists =
        [
            [5_000, 5_000, 5_000], [3_329, 4_306], [100, 140, 90], [7_551, 8_799, 8_520], [742, 748, 371], [1, 1000], [12.5],
        ];
        foreach (var list in lists)
        {
            var j = Judge(list, list);
            Assert.NotEqual(VerdictOutcome.Lead, j.Outcome);
            Assert.Equal(1.0, j.Interval.Ratio, 9);
        }
        Assert.Equal(VerdictOutcome.Equal, Judge([5_000, 5_000, 5_000], [5_000, 5_000, 5_000]).Outcome);
        Assert.Equal(VerdictOutcome.Equal, Judge([5_000, 5_050, 4_980, 5_010], [5_020, 4_990, 5_000, 5_030]).Outcome);
    }

    [Fact]
    public void One_repetition_on_each_side_has_no_interval_and_cannot_tell()
    {
        var j = Judge([100], [1]);
        Assert.Equal(VerdictOutcome.CannotTell, j.Outcome);
        Assert.False(j.Interval.HasInterval);
        Assert.Null(j.MoreRepetitions);
    }

    [Fact]
    public void One_repetition_on_one_side_borrows_the_spread_of_the_other()
    {
        var j = Judge([1_000], [100, 104, 98]);
        Assert.True(j.Interval.HasInterval);
        Assert.Equal(2, j.Interval.DegreesOfFreedom, 9);
        Assert.Equal(VerdictOutcome.Lead, j.Outcome);
    }

    [Fact]
    public void The_interval_is_symmetric_on_the_log_scale_and_reads_the_same_from_both_sides()
    {
        var i = RatioStatistics.Compare(RepetitionSample.Of([200, 220, 180]), RepetitionSample.Of([100, 105, 95]))!;
        Assert.Equal(Math.Log(i.Ratio) - Math.Log(i.Low), Math.Log(i.High) - Math.Log(i.Ratio), 9);
        var other = RatioStatistics.Compare(RepetitionSample.Of([100, 105, 95]), RepetitionSample.Of([200, 220, 180]))!;
        Assert.Equal(1 / i.Ratio, other.Ratio, 9);
        Assert.Equal(1 / i.High, other.Low, 9);
        Assert.Equal(other, i.Inverse() with { StandardErrorLog = other.StandardErrorLog, DegreesOfFreedom = other.DegreesOfFreedom });
    }

    [Fact]
    public void Cannot_tell_says_about_how_many_more_repetitions_would_decide_it_and_they_do()
    {
        double[] a = [1_300, 1_150, 1_450];
        double[] b = [1_000, 1_120, 900];
        var j = Judge(a, b);
        Assert.Equal(VerdictOutcome.CannotTell, j.Outcome);
        Assert.NotNull(j.MoreRepetitions);
        // The same ratio and spread with that many more repetitions per side: decided.
        var more = j.MoreRepetitions!.Value;
        var decided = Judge([.. Enumerable.Repeat(a, 1 + more).SelectMany(x => x).Take(a.Length + more)], [.. Enumerable.Repeat(b, 1 + more).SelectMany(x => x).Take(b.Length + more)]);
        Assert.InRange(more, 1, RatioStatistics.MaxRepetitions);
        Assert.NotEqual(VerdictOutcome.CannotTell, Judge([.. a, .. a, .. a, .. a, .. a, .. a, .. a, .. a], [.. b, .. b, .. b, .. b, .. b, .. b, .. b, .. b]).Outcome);
        Assert.True(decided.Interval.High - decided.Interval.Low < j.Interval.High - j.Interval.Low);
    }

    [Fact]
    public void A_ratio_on_the_edge_of_the_band_needs_more_repetitions_than_anyone_will_run()
    {
        var j = Judge([1_050, 1_000, 1_100], [1_000, 1_000, 1_000]);
        Assert.Equal(VerdictOutcome.CannotTell, j.Outcome);
        Assert.True(j.MoreRepetitions is null or > 20);
    }

    [Fact]
    public void The_spread_inside_repetitions_sets_a_floor_under_the_spread_between_them()
    {
        // Three repetitions that agree to the request, each with seconds that swing ±10%: the repetitions
        // cannot be trusted to be more alike than their own seconds are.
        var windows = new IReadOnlyList<double>[] { [900, 1_100], [1_100, 900], [900, 1_100] };
        var bare = RepetitionSample.Of([1_000, 1_000, 1_000]);
        var floored = RepetitionSample.Of([1_000, 1_000, 1_000], windows);
        Assert.Equal(0, bare.LogVariance, 12);
        Assert.True(floored.LogVariance > 0.004);
        var vsSlightlyBetter = RatioStatistics.Judge(RatioStatistics.Compare(RepetitionSample.Of([1_080, 1_080, 1_080], windows), floored)!, EquivalenceBand.Default);
        Assert.Equal(VerdictOutcome.CannotTell, vsSlightlyBetter.Outcome);
    }

    [Fact]
    public void The_band_parses_percentages_and_refuses_the_rest_in_one_line()
    {
        Assert.Equal(0.05, EquivalenceBand.Parse("5%", "--equal-within").Fraction, 12);
        Assert.Equal(0.05, EquivalenceBand.Parse(" 5 ", "--equal-within").Fraction, 12);
        Assert.Equal(0.025, EquivalenceBand.Parse("2.5%", "--equal-within").Fraction, 12);
        Assert.Equal("±5%", EquivalenceBand.Default.ToString());
        foreach (var bad in new[] { "0.05", "abc", "60%", "-5", "", "NaN" })
        {
            var e = Assert.Throws<PerfNotebooksException>(() => EquivalenceBand.Parse(bad, "--equal-within"));
            Assert.StartsWith($"--equal-within '{bad}'", e.Message);
            Assert.Contains("like 5%", e.Message);
            Assert.DoesNotContain("\n", e.Message);
        }
    }

    [Fact]
    public void Ratios_print_as_the_issue_writes_them()
    {
        Assert.Equal("4.8x [3.1x, 7.4x]", Numbers.RatioWithInterval(4.76, 3.12, 7.4));
        Assert.Equal("1.03x [0.98x, 1.08x]", Numbers.RatioWithInterval(1.03, 0.98, 1.08));
        Assert.Equal("32x [25x, 41x]", Numbers.RatioWithInterval(32.4, 25.1, 40.9));
        Assert.Equal("2.0x [no interval]", Numbers.RatioWithInterval(2, double.NaN, double.NaN));
    }
}
