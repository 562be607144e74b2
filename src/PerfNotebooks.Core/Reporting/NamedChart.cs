using Plotly.NET;

namespace PerfNotebooks.Reporting;

/// <summary>
/// A chart of a run with an id (for anchors and file names), a title and a caption saying what to read in
/// it. <see cref="Spec"/> is the data; <see cref="Chart"/> draws it interactive, <see cref="Svg"/> as an image.
/// </summary>
public sealed record NamedChart(string Id, string Title, string Caption, ChartSpec Spec)
{
    /// <summary>The interactive Plotly.NET chart.</summary>
    public GenericChart Chart => ChartBuilder.From(Spec);

    /// <summary>The static image (OxyPlot SVG).</summary>
    public string Svg() => SvgChart.Render(Spec);
}
