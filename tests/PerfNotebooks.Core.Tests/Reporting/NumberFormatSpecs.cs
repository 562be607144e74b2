using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Core.Tests.Reporting;

/// <summary>Numbers as people read them in every table shown; the data and the CSV files keep full precision.</summary>
public sealed class NumberFormatSpecs
{
    [Theory]
    [InlineData(1662.0162572836964, "1,662")]
    [InlineData(32690.43, "32,690")]
    [InlineData(7.6, "8")]
    public void Requests_per_second_are_whole_numbers_with_thousands_separators(double value, string expected)
        => Assert.Equal(expected, Numbers.Rps(value));

    [Theory]
    [InlineData(1536.4, "1,536")]
    [InlineData(119.4, "119")]
    [InlineData(12.345, "12.3")]
    [InlineData(5.3051, "5.31")]
    [InlineData(0.98249, "0.982")]
    [InlineData(0.045672, "0.0457")]
    [InlineData(9.996, "10.0")]
    [InlineData(0, "0")]
    public void Milliseconds_have_three_significant_digits(double value, string expected)
        => Assert.Equal(expected, Numbers.Ms(value));

    [Theory]
    [InlineData(86.74241592708192, "86.7")]
    [InlineData(100, "100.0")]
    [InlineData(0.04, "0.0")]
    public void Percentages_have_one_decimal(double value, string expected)
        => Assert.Equal(expected, Numbers.Percent(value));

    [Fact]
    public void A_display_frame_formats_each_column_by_its_kind_and_the_numeric_frame_keeps_full_precision()
    {
        var run = RunStore.Load(Path.Combine(RepoRoot.Path, "data", "runs", "seed-reference"));
        var frame = ResultFrames.Results(run);
        var shown = DisplayFrames.ForDisplay(frame);

        var row = Enumerable.Range(0, (int)frame.Rows.Count).First(i => (string)frame["cell"][i] == "flask-dev_plaintext_w1_c32_rep1");
        Assert.Equal(96.06629855484265, (double)frame["server_cpu_pct"][row]!, 10);
        Assert.Equal("96.1", shown["server_cpu_pct"][row]);
        Assert.Equal("2,540", shown["rps"][row]);
        Assert.Equal("11.9", shown["p50_ms"][row]);
        Assert.Equal("5,080", shown["requests"][row]);
        Assert.Equal("flask-dev", shown["stack"][row]);
        // The CSV on disk is untouched by any of this.
        Assert.Contains("96.06629855484265", File.ReadAllText(Path.Combine(run.Directory, RunFiles.Results)));
    }
}
