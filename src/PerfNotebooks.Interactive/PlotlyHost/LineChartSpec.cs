namespace PerfNotebooks.PlotlyHost;

/// <summary>What <see cref="ChartHtml.Lines"/> draws; the extension sends it as JSON.</summary>
public sealed record LineChartSpec
{
    public string Title { get; init; } = "";
    public string XTitle { get; init; } = "";
    public string YTitle { get; init; } = "";
    public bool XLog { get; init; }
    public bool YLog { get; init; }
    public int Width { get; init; } = 720;
    public int Height { get; init; } = 400;
    public IReadOnlyList<LineSeries> Series { get; init; } = [];
}
