using System.Reflection;
using System.Text;

namespace PerfNotebooks.Interactive.Charts;

/// <summary>
/// Chart HTML for notebook outputs, made by Core's Plotly.NET builders (PerfNotebooks.Reporting.ChartHtml)
/// inside <see cref="PlotlyLoadContext"/> and handed back as strings: the kernel host has FSharp.Core 10.0
/// loaded and Plotly.NET 6 needs 10.1, so the kernel never resolves Plotly.NET itself. Only CoreLib types
/// (strings, arrays of doubles) cross the boundary. Every output that holds charts starts with plotly.js
/// inline (defined only if the page lacks it): charts draw with no network.
/// </summary>
internal static class KernelCharts
{
    private const string ChartHtmlType = "PerfNotebooks.Reporting.ChartHtml";
    private const string PlotlyJsType = "PerfNotebooks.Reporting.PlotlyJs";
    private static readonly Lazy<Assembly> IsolatedCore = new(LoadIsolatedCore);
    private static readonly Lazy<string> PlotlyScript = new(BuildPlotlyScript);

    /// <summary>Marks the inline plotly.js so tests (and people) can find it in a saved notebook.</summary>
    public const string PlotlyMarker = "perfnb-plotly-inline";

    public static string Lines(string title, string xTitle, string yTitle, string[] names, double[][] xs, double[][] ys, bool logX = false, bool logY = false)
        => (string)Call(ChartHtmlType, "Lines", title, xTitle, yTitle, names, xs, ys, logX, logY);

    /// <summary>HdrHistogram-style spectrum: percentile on a log axis to 99.99.</summary>
    public static string PercentileSpectrum(string title, string[] names, double[][] percentiles, double[][] latencyMs)
        => (string)Call(ChartHtmlType, "PercentileSpectrum", title, names, percentiles, latencyMs);

    /// <summary>Every chart of a stored run, in report order.</summary>
    public static string[] ForRun(string runDirectory) => (string[])Call(ChartHtmlType, "ForRun", runDirectory);

    /// <summary>The Plotly.NET version drawing the charts (loads the isolated context).</summary>
    public static string PlotlyVersion()
    {
        var plotly = IsolatedCore.Value.GetReferencedAssemblies().First(a => a.Name == "Plotly.NET");
        return AssemblyLoadContextOf().LoadFromAssemblyName(plotly).GetName().Version?.ToString() ?? "?";
    }

    /// <summary>Chart snippets joined into one output, preceded once by plotly.js.</summary>
    public static string Output(params IEnumerable<string> charts)
    {
        var html = new StringBuilder(PlotlyScript.Value.Length + 4096);
        html.Append(PlotlyScript.Value);
        foreach (var chart in charts) html.Append(chart);
        return html.ToString();
    }

    private static object Call(string typeName, string method, params object[] args)
    {
        var type = IsolatedCore.Value.GetType(typeName, throwOnError: true)!;
        var info = type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
                   ?? throw new InvalidOperationException($"{typeName} has no method {method}");
        try
        {
            return info.Invoke(null, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private static System.Runtime.Loader.AssemblyLoadContext AssemblyLoadContextOf() =>
        System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(IsolatedCore.Value)!;

    private static Assembly LoadIsolatedCore()
    {
        var folder = ToolsFolder.Path
                     ?? throw new PerfNotebooksException("charts: the extension's perfnb/ folder is missing; re-run scripts/pack-extension.sh.");
        return new PlotlyLoadContext(folder).LoadFromAssemblyPath(Path.Combine(folder, "PerfNotebooks.Core.dll"));
    }

    private static string BuildPlotlyScript()
    {
        var type = IsolatedCore.Value.GetType(PlotlyJsType, throwOnError: true)!;
        var code = (string)type.GetProperty("Code", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        // Classic Jupyter has RequireJS: plotly's UMD wrapper would register an AMD module instead of
        // window.Plotly, so hide `define` while it runs. "</script" inside the source would end the tag early.
        var js = code.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        return $"<script type=\"text/javascript\" class=\"{PlotlyMarker}\">\nif (typeof window.Plotly === 'undefined') {{ (function () {{ var __perfnbDefine = window.define; window.define = undefined; try {{\n{js}\n}} finally {{ window.define = __perfnbDefine; }} }})(); }}\n</script>\n";
    }
}
