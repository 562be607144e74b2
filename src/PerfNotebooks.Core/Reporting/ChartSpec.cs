namespace PerfNotebooks.Reporting;

/// <summary>
/// A chart as plain data: what to draw, not how. Plotly.NET draws it interactive (<see cref="ChartBuilder.From"/>)
/// and OxyPlot draws it as a static SVG (<see cref="SvgChart.Render"/>), so the interactive chart and its
/// image always show the same numbers.
/// </summary>
public sealed record ChartSpec
{
    /// <summary>Bars, lines or a percentile spectrum.</summary>
    public required ChartKind Kind { get; init; }
    /// <summary>The chart's title.</summary>
    public required string Title { get; init; }
    /// <summary>The x axis's title.</summary>
    public string XTitle { get; init; } = "";
    /// <summary>The y axis's title.</summary>
    public string YTitle { get; init; } = "";

    /// <summary>The x axis of a bar chart.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The series drawn.</summary>
    public required IReadOnlyList<ChartSeries> Series { get; init; }
    /// <summary>A logarithmic x axis.</summary>
    public bool LogX { get; init; }
    /// <summary>A logarithmic y axis.</summary>
    public bool LogY { get; init; }

    /// <summary>Grouped bars; <paramref name="values"/>[s][c] is series s at category c.</summary>
    public static ChartSpec Bars(string title, string yTitle, string[] categories, string[] seriesNames, double[][] values, double[][]? errorPlus = null, double[][]? errorMinus = null, bool logY = false)
        => new()
        {
            Kind = ChartKind.Bars, Title = title, YTitle = yTitle, Categories = categories, LogY = logY,
            Series = seriesNames.Select((name, s) => new ChartSeries(name, [], values[s], errorPlus?[s], errorPlus is null ? null : errorMinus?[s] ?? errorPlus[s])).ToArray(),
        };

    /// <summary>Lines with markers, one series per name.</summary>
    public static ChartSpec Lines(string title, string xTitle, string yTitle, string[] seriesNames, double[][] xs, double[][] ys, double[][]? yErrorPlus = null, double[][]? yErrorMinus = null, bool logX = false, bool logY = false)
        => new()
        {
            Kind = ChartKind.Lines, Title = title, XTitle = xTitle, YTitle = yTitle, LogX = logX, LogY = logY,
            Series = seriesNames.Select((name, s) => new ChartSeries(name, xs[s], ys[s], yErrorPlus?[s], yErrorPlus is null ? null : yErrorMinus?[s] ?? yErrorPlus[s])).ToArray(),
        };

    /// <summary>Latency (ms) against percentile (0..100), one series per name.</summary>
    public static ChartSpec PercentileSpectrum(string title, string[] seriesNames, double[][] percentiles, double[][] latencyMs)
        => new()
        {
            Kind = ChartKind.PercentileSpectrum, Title = title, XTitle = "percentile", YTitle = "latency (ms)", LogX = true,
            Series = seriesNames.Select((name, s) => new ChartSeries(name, percentiles[s], latencyMs[s])).ToArray(),
        };
}
