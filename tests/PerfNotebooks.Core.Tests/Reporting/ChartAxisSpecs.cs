using PerfNotebooks.Reporting;

namespace PerfNotebooks.Core.Tests.Reporting;

/// <summary>Log axes name their ticks: the load levels on x, a 1-2-5 series on y (not plotly's minor digits).</summary>
public sealed class ChartAxisSpecs
{
    [Fact]
    public void A_one_two_five_series_covers_the_data_and_no_more_than_a_step_beyond()
    {
        Assert.Equal([10, 20, 50, 100, 200, 500, 1000, 2000], ChartBuilder.OneTwoFiveTicks([12.4, 46, 1518]));
        Assert.Equal([0.5, 1, 2], ChartBuilder.OneTwoFiveTicks([0.9, 1.1, double.NaN, 0, -3]));
        Assert.Empty(ChartBuilder.OneTwoFiveTicks([double.NaN, 0]));
    }

    [Fact]
    public void Few_load_levels_are_the_ticks_themselves()
    {
        Assert.Equal([1, 8, 128, 256], ChartBuilder.LevelTicks([256, 1, 8, 128, 8, 1]));
        Assert.Equal(ChartBuilder.OneTwoFiveTicks(Enumerable.Range(1, 20).Select(i => (double)i)),
            ChartBuilder.LevelTicks(Enumerable.Range(1, 20).Select(i => (double)i)));
    }

    [Fact]
    public void A_chart_with_a_log_x_axis_carries_its_levels_as_named_ticks()
    {
        var chart = ChartBuilder.Lines("t", "connections", "req/s", ["a", "b"], [[1, 8, 64], [1, 8, 256]], [[10, 20, 30], [5, 6, 7]], logX: true);
        var html = ChartHtml.Fragment(chart);
        Assert.Contains("\"tickvals\":[1.0,8.0,64.0,256.0]", html.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("\"ticktext\":[\"1\",\"8\",\"64\",\"256\"]", html.Replace(" ", "", StringComparison.Ordinal));
    }
}
