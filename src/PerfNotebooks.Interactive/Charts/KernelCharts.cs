using System.Reflection;
using System.Text;
using System.Text.Json;

namespace PerfNotebooks.Interactive.Charts;

/// <summary>
/// Chart HTML for notebook outputs, made by Plotly.NET inside <see cref="PlotlyLoadContext"/> and handed back
/// as strings, so the kernel never resolves Plotly.NET or FSharp.Core 10.1 itself. Every output that holds
/// charts starts with plotly.js inline (defined only if the page lacks it): charts draw with no network.
/// </summary>
internal static class KernelCharts
{
    private const string HostType = "PerfNotebooks.PlotlyHost.ChartHtml";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<Type> Host = new(LoadHost);
    private static readonly Lazy<string> PlotlyScript = new(BuildPlotlyScript);

    /// <summary>Marks the inline plotly.js so tests (and people) can find it in a saved notebook.</summary>
    public const string PlotlyMarker = "perfnb-plotly-inline";

    /// <summary>A line chart (see PlotlyHost's LineChartSpec for the fields).</summary>
    public static string Lines(object spec) => Call("Lines", JsonSerializer.Serialize(spec, Json));

    /// <summary>The Plotly.NET version drawing the charts (loads the isolated context).</summary>
    public static string PlotlyVersion() => Call("PlotlyVersion");

    /// <summary>Chart snippets joined into one output, preceded once by plotly.js.</summary>
    public static string Output(params IEnumerable<string> charts)
    {
        var html = new StringBuilder(PlotlyScript.Value.Length + 4096);
        html.Append(PlotlyScript.Value);
        foreach (var chart in charts) html.Append(chart);
        return html.ToString();
    }

    private static string Call(string method, params string[] args)
    {
        var info = Host.Value.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
                   ?? throw new InvalidOperationException($"PlotlyHost has no method {method}");
        try
        {
            return (string)info.Invoke(null, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private static Type LoadHost()
    {
        var folder = ToolsFolder.Path
                     ?? throw new PerfNotebooksException("charts: the extension's perfnb/ folder is missing; re-run scripts/pack-extension.sh.");
        var context = new PlotlyLoadContext(folder);
        var assembly = context.LoadFromAssemblyPath(Path.Combine(folder, "PerfNotebooks.PlotlyHost.dll"));
        return assembly.GetType(HostType, throwOnError: true)!;
    }

    private static string BuildPlotlyScript()
    {
        // Classic Jupyter has RequireJS: plotly's UMD wrapper would register an AMD module instead of
        // window.Plotly, so hide `define` while it runs. "</script" inside the source would end the tag early.
        var js = Call("PlotlyJs").Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        return $"<script type=\"text/javascript\" class=\"{PlotlyMarker}\">\nif (typeof window.Plotly === 'undefined') {{ (function () {{ var __perfnbDefine = window.define; window.define = undefined; try {{\n{js}\n}} finally {{ window.define = __perfnbDefine; }} }})(); }}\n</script>\n";
    }
}
