using Plotly.NET;

namespace PerfNotebooks.Reporting;

/// <summary>
/// Chart HTML fragments without any plotly.js reference (no CDN): a div and the script that draws it.
/// The page must load plotly.js once (<see cref="PlotlyJs.ScriptTag"/>). Every method takes plain data
/// and returns a string, so the notebook extension can call them by reflection from the separate
/// assembly load context it loads Plotly.NET into.
/// </summary>
public static class ChartHtml
{
    /// <summary>The fragment of any Plotly.NET chart, with a "&lt;/" inside its script made harmless.</summary>
    public static string Fragment(GenericChart chart)
    {
        var html = GenericChart.toChartHTML(chart);
        // Trace names and labels end up inside the script's JSON: a "</script>" there would end the
        // script early. Escape "</" inside the script body only.
        const string open = "<script type=\"text/javascript\">";
        var start = html.IndexOf(open, StringComparison.Ordinal);
        var end = html.LastIndexOf("</script>", StringComparison.Ordinal);
        if (start < 0 || end < start) return html;
        start += open.Length;
        return html[..start] + html[start..end].Replace("</", "<\\/", StringComparison.Ordinal) + html[end..];
    }

    public static string Bars(string title, string yTitle, string[] categories, string[] seriesNames, double[][] values, double[][]? errorPlus, double[][]? errorMinus)
        => Fragment(ChartBuilder.Bars(title, yTitle, categories, seriesNames, values, errorPlus, errorMinus));

    public static string Lines(string title, string xTitle, string yTitle, string[] seriesNames, double[][] xs, double[][] ys, bool logX, bool logY)
        => Fragment(ChartBuilder.Lines(title, xTitle, yTitle, seriesNames, xs, ys, null, null, logX, logY));

    public static string PercentileSpectrum(string title, string[] seriesNames, double[][] percentiles, double[][] latencyMs)
        => Fragment(ChartBuilder.PercentileSpectrum(title, seriesNames, percentiles, latencyMs));

    /// <summary>Every chart of a stored run (<see cref="RunCharts"/>), each as a fragment, in report order.</summary>
    public static string[] ForRun(string runDirectory)
        => RunCharts.All(RunAnalysis.Of(Experiments.RunStore.Load(runDirectory))).Select(c => Fragment(c.Chart)).ToArray();
}
