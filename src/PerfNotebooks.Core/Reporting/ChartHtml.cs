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

    /// <summary>A grouped bar chart as an HTML fragment (Plotly.NET).</summary>
    public static string Bars(string title, string yTitle, string[] categories, string[] seriesNames, double[][] values, double[][]? errorPlus, double[][]? errorMinus)
        => Fragment(ChartBuilder.Bars(title, yTitle, categories, seriesNames, values, errorPlus, errorMinus));

    /// <summary>A line chart as an HTML fragment (Plotly.NET).</summary>
    public static string Lines(string title, string xTitle, string yTitle, string[] seriesNames, double[][] xs, double[][] ys, bool logX, bool logY)
        => Fragment(ChartBuilder.Lines(title, xTitle, yTitle, seriesNames, xs, ys, null, null, logX, logY));

    /// <summary>A latency percentile spectrum as an HTML fragment (Plotly.NET).</summary>
    public static string PercentileSpectrum(string title, string[] seriesNames, double[][] percentiles, double[][] latencyMs)
        => Fragment(ChartBuilder.PercentileSpectrum(title, seriesNames, percentiles, latencyMs));

    /// <summary>Every chart of a stored run (<see cref="RunCharts"/>), each as a fragment, in report order.</summary>
    public static string[] ForRun(string runDirectory)
        => RunCharts.All(RunAnalysis.Of(Experiments.RunStore.Load(runDirectory))).Select(c => Fragment(c.Chart)).ToArray();

    /// <summary>A <see cref="ChartFigure"/> of a spec: <c>[html, svg]</c>.</summary>
    public static string[] Figure(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var svg = SvgChart.Render(spec);
        return [ChartFigure.Html(ChartBuilder.From(spec), svg, spec.Title), svg];
    }

    /// <summary>Lines as a figure: <c>[html, svg]</c>.</summary>
    public static string[] FigureLines(string title, string xTitle, string yTitle, string[] seriesNames, double[][] xs, double[][] ys, bool logX, bool logY)
        => Figure(ChartSpec.Lines(title, xTitle, yTitle, seriesNames, xs, ys, null, null, logX, logY));

    /// <summary>A percentile spectrum as a figure: <c>[html, svg]</c>.</summary>
    public static string[] FigurePercentileSpectrum(string title, string[] seriesNames, double[][] percentiles, double[][] latencyMs)
        => Figure(ChartSpec.PercentileSpectrum(title, seriesNames, percentiles, latencyMs));

    /// <summary>The charts of a load result (<see cref="LoadResultCharts"/>), given as <see cref="Load.LoadResultJson"/>: <c>[id, title, caption, html, svg]</c> each.</summary>
    public static string[][] FiguresForLoadResult(string loadResultJson)
        => LoadResultCharts.All(Load.LoadResultJson.Deserialize(loadResultJson)).Select(c =>
        {
            var figure = Figure(c.Spec);
            return new[] { c.Id, c.Title, c.Caption, figure[0], figure[1] };
        }).ToArray();

    /// <summary>
    /// Every chart of a stored run as figures, in report order: <c>[id, title, caption, html, svg]</c> each.
    /// With <paramref name="planJson"/> (an <see cref="Experiments.ExperimentPlan"/> as run.json writes it) only
    /// the stored cells that plan asks for (<see cref="Experiments.StoredPlan"/>).
    /// </summary>
    public static string[][] FiguresForRun(string runDirectory, string? planJson)
    {
        var run = LoadRun(runDirectory, planJson);
        return RunCharts.All(RunAnalysis.Of(run)).Select(c =>
        {
            var figure = Figure(c.Spec);
            return new[] { c.Id, c.Title, c.Caption, figure[0], figure[1] };
        }).ToArray();
    }

    /// <summary>
    /// Writes the Markdown write-up (<see cref="MarkdownReport"/>) of a stored run, or of the part of it
    /// <paramref name="planJson"/> asks for, to <paramref name="path"/>; returns its full path. Here, beside the
    /// charts, because the kernel calls it the same way (its SVGs are drawn with the same libraries).
    /// </summary>
    public static string WriteMarkdown(string runDirectory, string? planJson, string path)
    {
        return MarkdownReport.Write(LoadRun(runDirectory, planJson), path);
    }

    private static Experiments.RunRecord LoadRun(string runDirectory, string? planJson)
    {
        var run = Experiments.RunStore.Load(runDirectory);
        if (planJson is null) return run;
        var plan = System.Text.Json.JsonSerializer.Deserialize<Experiments.ExperimentPlan>(planJson, Experiments.RunJson.Options)
            ?? throw new ArgumentException("the plan is empty", nameof(planJson));
        return Experiments.StoredPlan.Of(plan, run).Run;
    }

    /// <summary>The script that gives a page plotly.js once: inline (works offline) or from the CDN (keeps the page small).</summary>
    public static string PlotlyLoader(bool fromCdn) => fromCdn ? PlotlyJs.CdnLoaderScript() : PlotlyJs.InlineLoaderScript();
}
