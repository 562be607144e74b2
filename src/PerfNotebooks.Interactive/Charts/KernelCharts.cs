using System.Reflection;
using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace PerfNotebooks.Interactive.Charts;

/// <summary>
/// Charts for notebook outputs, made by Core (PerfNotebooks.Reporting.ChartHtml: Plotly.NET for the interactive
/// chart, OxyPlot for its static SVG) inside <see cref="PlotlyLoadContext"/> and handed back as strings: the
/// kernel host has FSharp.Core 10.0 loaded and Plotly.NET 6 needs 10.1, so the kernel never resolves Plotly.NET
/// itself. Only CoreLib types (strings, arrays) cross the boundary.
/// Each chart is one display with two MIME types: text/html (the static image, drawn over by plotly when its
/// script runs) and image/svg+xml. plotly.js comes once per kernel session, with the first chart output:
/// inline (works offline, 3.6 MB) by default, or as a reference to plotly's CDN with PERFNB_PLOTLY=cdn, which
/// keeps a saved notebook small (scripts/render-notebooks.sh sets it).
/// </summary>
internal static class KernelCharts
{
    private const string ChartHtmlType = "PerfNotebooks.Reporting.ChartHtml";
    private static readonly Lazy<Assembly> IsolatedCore = new(LoadIsolatedCore);
    // Kernels that have had plotly.js: one per notebook (the real kernel is one per process; tests run several).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Kernel, object> LoaderGiven = new();

    /// <summary>PERFNB_PLOTLY=cdn: plotly.js from its CDN instead of inline.</summary>
    public static bool FromCdn => string.Equals(Environment.GetEnvironmentVariable("PERFNB_PLOTLY"), "cdn", StringComparison.OrdinalIgnoreCase);

    /// <summary>The charts of a load result (spectrum and timeline), drawn from its JSON (histograms included).</summary>
    public static IReadOnlyList<ChartOutput> ForLoadResult(Load.LoadResult result)
        => ((string[][])Call("FiguresForLoadResult", Load.LoadResultJson.Serialize(result))).Select(f => new ChartOutput(f[1], f[3], f[4], f[2])).ToList();

    /// <summary>Every chart of a stored run, in report order; with a plan (run.json's JSON), only the cells it asks for.</summary>
    public static IReadOnlyList<ChartOutput> ForRun(string runDirectory, string? planJson = null)
        => ((string[][])Call("FiguresForRun", runDirectory, planJson!)).Select(f => new ChartOutput(f[1], f[3], f[4], f[2])).ToList();

    /// <summary>Writes the Markdown write-up of a stored run (of the cells a plan asks for, when given) to <paramref name="path"/>; returns its full path.</summary>
    public static string WriteMarkdown(string runDirectory, string? planJson, string path)
        => (string)Call("WriteMarkdown", runDirectory, planJson!, path);

    /// <summary>The Plotly.NET version drawing the charts (loads the isolated context).</summary>
    public static string PlotlyVersion()
    {
        var plotly = IsolatedCore.Value.GetReferencedAssemblies().First(a => a.Name == "Plotly.NET");
        return System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(IsolatedCore.Value)!.LoadFromAssemblyName(plotly).GetName().Version?.ToString() ?? "?";
    }

    /// <summary>Shows each chart as its own display: text/html and image/svg+xml together.</summary>
    public static void Show(KernelInvocationContext context, IEnumerable<ChartOutput> charts)
    {
        foreach (var chart in charts)
        {
            context.Publish(new DisplayedValueProduced(chart, context.Command,
            [
                new FormattedValue("text/html", LoaderOnce(context.HandlingKernel?.RootKernel) + chart.Html),
                new FormattedValue("image/svg+xml", chart.Svg),
            ]));
        }
    }

    /// <summary>Shows the charts <paramref name="make"/> builds; a failure is shown as a warning, not fatal: the numbers stand on their own.</summary>
    public static void ShowSafely(KernelInvocationContext context, Func<IEnumerable<ChartOutput>> make)
    {
        List<ChartOutput> charts;
        try { charts = make().ToList(); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context.Display(new Microsoft.AspNetCore.Html.HtmlString($"<p style=\"color:#a40\">charts unavailable: {System.Net.WebUtility.HtmlEncode(e.Message)}</p>"), "text/html");
            return;
        }
        Show(context, charts);
    }

    /// <summary>Charts as one HTML string (for formatters, which give one MIME type), plotly.js first if not given yet.</summary>
    public static string Html(IEnumerable<ChartOutput> charts)
    {
        var html = new StringBuilder();
        var root = KernelInvocationContext.Current?.HandlingKernel?.RootKernel;
        foreach (var chart in charts) html.Append(LoaderOnce(root)).Append(chart.Html);
        return html.ToString();
    }

    /// <summary>The plotly.js loader the first time it is asked for in this kernel (always, when the kernel is unknown), else nothing.</summary>
    private static string LoaderOnce(Kernel? root)
    {
        if (root is not null && !LoaderGiven.TryAdd(root, new object())) return "";
        return (string)Call("PlotlyLoader", FromCdn);
    }

    private static object Call(string method, params object[] args)
    {
        var type = IsolatedCore.Value.GetType(ChartHtmlType, throwOnError: true)!;
        var info = type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
                   ?? throw new InvalidOperationException($"{ChartHtmlType} has no method {method}");
        try
        {
            return info.Invoke(null, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private static Assembly LoadIsolatedCore()
    {
        var folder = ToolsFolder.Path
                     ?? throw new PerfNotebooksException("charts: the extension's perfnb/ folder is missing; re-run scripts/pack-extension.sh.");
        return new PlotlyLoadContext(folder).LoadFromAssemblyPath(Path.Combine(folder, "PerfNotebooks.Core.dll"));
    }
}
