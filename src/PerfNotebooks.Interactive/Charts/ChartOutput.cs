namespace PerfNotebooks.Interactive.Charts;

/// <summary>
/// One chart for a notebook output: the figure's HTML (the static image, replaced by the interactive Plotly
/// chart when plotly.js is there) and the same chart as an SVG image, shown together in one display.
/// </summary>
internal sealed record ChartOutput(string Title, string Html, string Svg, string Caption = "");
