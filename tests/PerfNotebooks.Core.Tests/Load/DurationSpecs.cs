using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

public sealed class DurationSpecs
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("3", 3_000)]
    public void I_can_write_durations_the_way_load_tools_do(string text, double milliseconds)
    {
        Assert.Equal(milliseconds, Duration.Parse(text).TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("10x")]
    [InlineData("")]
    [InlineData("-1s")]
    [InlineData("ms")]
    public void A_duration_that_does_not_parse_says_what_is_accepted(string text)
    {
        var error = Assert.Throws<PerfNotebooksException>(() => Duration.Parse(text, "--duration"));
        Assert.Contains("--duration", error.Message);
        Assert.Contains("500ms", error.Message);
    }

    [Theory]
    [InlineData("500ms")]
    [InlineData("10s")]
    [InlineData("2m")]
    public void A_duration_prints_back_as_it_was_written(string text)
    {
        Assert.Equal(text, Duration.Format(Duration.Parse(text)));
    }
}
