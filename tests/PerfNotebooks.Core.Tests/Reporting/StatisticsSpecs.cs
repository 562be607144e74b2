using PerfNotebooks.Reporting;

namespace PerfNotebooks.Tests.Reporting;

public sealed class StatisticsSpecs
{
    [Fact]
    public void The_confidence_interval_is_Student_t_over_the_repetitions()
    {
        var e = Statistics.MeanInterval([10, 12, 14]);
        Assert.Equal(12, e.Mean, 9);
        Assert.Equal(2, e.StdDev, 9);
        Assert.Equal(4.303 * 2 / Math.Sqrt(3), e.HalfWidth, 6);
        Assert.True(e.HasInterval);
    }

    [Fact]
    public void One_repetition_has_no_interval_and_cannot_be_told_apart_from_anything()
    {
        Assert.False(Statistics.MeanInterval([5]).HasInterval);
        var c = Statistics.Compare([100], [1]);
        Assert.False(c.Distinguishable);
        Assert.True(double.IsNaN(c.PValue));
    }

    [Fact]
    public void The_t_distribution_p_value_matches_the_table()
    {
        Assert.Equal(0.05, Statistics.TwoSidedP(2.228, 10), 3);
        Assert.Equal(0.05, Statistics.TwoSidedP(12.706, 1), 3);
        Assert.Equal(1.0, Statistics.TwoSidedP(0, 5), 9);
    }

    [Fact]
    public void Clearly_different_repetitions_are_told_apart_and_close_ones_are_not()
    {
        var clear = Statistics.Compare([20, 21, 22, 23, 24], [10, 11, 12, 13, 14]);
        Assert.True(clear.Distinguishable);
        Assert.True(clear.PValue < 0.001);
        Assert.False(clear.IntervalsOverlap);
        Assert.Equal(22.0 / 12.0, clear.Ratio, 9);

        var noisy = Statistics.Compare([100, 140, 90], [110, 95, 130]);
        Assert.False(noisy.Distinguishable);
        Assert.True(noisy.IntervalsOverlap);
    }
}
