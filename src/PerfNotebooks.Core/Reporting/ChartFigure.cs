using System.Globalization;
using System.Net;
using System.Text;
using Plotly.NET;

namespace PerfNotebooks.Reporting;

/// <summary>
/// A chart for pages that may or may not run scripts (notebook viewers, exported notebooks): the static SVG
/// shows first, as an image, and is replaced by the interactive Plotly chart once plotly.js is present.
/// plotly.js itself is not part of a figure: a page loads it once, with <see cref="PlotlyJs.InlineLoaderScript"/>
/// or <see cref="PlotlyJs.CdnLoaderScript"/>; a figure whose script runs before that waits for it. With no
/// script (GitHub, nbviewer) or no plotly.js (offline, CDN unreachable) the image stays.
/// </summary>
public static class ChartFigure
{
    /// <summary>The class of the static image inside a figure, so tests and styles can find it.</summary>
    public const string StaticImageClass = "perfnb-static";

    /// <summary>The class of the figure's container.</summary>
    public const string FigureClass = "perfnb-figure";

    private static int _count;

    /// <summary>The figure's HTML: a container with the image, the chart's div and the script that draws it.</summary>
    public static string Html(GenericChart chart, string svg, string title)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(svg);
        // JSON inside a script: "</" would end the script early, wherever it came from (trace names).
        var json = GenericChart.toJson(chart).Replace("</", "<\\/", StringComparison.Ordinal);
        // The same chart gets the same id in a fresh process (a re-rendered notebook diffs only where it
        // changed); the counter keeps a chart shown twice apart.
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12].ToLowerInvariant();
        var id = $"perfnb-{hash}-{Interlocked.Increment(ref _count).ToString(CultureInfo.InvariantCulture)}";
        var image = Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
        var html = new StringBuilder(image.Length + json.Length + 1024);
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"{FigureClass}\" id=\"{id}\" style=\"max-width:100%\">");
        html.Append(CultureInfo.InvariantCulture, $"<img class=\"{StaticImageClass}\" style=\"max-width:100%;height:auto\" alt=\"{WebUtility.HtmlEncode(title)}\" src=\"data:image/svg+xml;base64,{image}\">");
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"perfnb-interactive\" id=\"{id}-plot\" style=\"display:none\"></div>");
        html.Append("<script type=\"text/javascript\">(function () {\n");
        html.Append("var figure = ").Append(json).Append(";\n");
        html.Append(CultureInfo.InvariantCulture, $"function draw(Plotly) {{ var box = document.getElementById('{id}'); if (!box) return; var plot = document.getElementById('{id}-plot'); plot.style.display = '';\n");
        html.Append("  Plotly.newPlot(plot, figure.data, figure.layout, figure.config).then(function () { var img = box.querySelector('img." + StaticImageClass + "'); if (img) img.style.display = 'none'; },\n");
        html.Append("    function () { plot.style.display = 'none'; }); }\n");
        html.Append("if (window.Plotly) draw(window.Plotly); else (window." + PlotlyJs.WaitingList + " = window." + PlotlyJs.WaitingList + " || []).push(draw);\n");
        html.Append("})();</script></div>");
        return html.ToString();
    }
}
