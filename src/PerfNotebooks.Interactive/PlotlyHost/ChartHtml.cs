using System.Reflection;
using System.Text.Json;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace PerfNotebooks.PlotlyHost;

/// <summary>
/// Chart HTML from plain data, built with Plotly.NET. Strings in, strings out: this type runs in an isolated
/// AssemblyLoadContext inside the notebook kernel (Plotly.NET 6 needs FSharp.Core 10.1, the kernel host has
/// 10.0 loaded), and only types from System.Private.CoreLib may cross that boundary.
/// </summary>
public static class ChartHtml
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>plotly.js as Plotly.NET ships it, so charts draw without a network.</summary>
    public static string PlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The Plotly.NET version doing the drawing, for the extension's load line and tests.</summary>
    public static string PlotlyVersion() =>
        typeof(GenericChart).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(GenericChart).Assembly.GetName().Version?.ToString() ?? "?";

    /// <summary>A line chart: <paramref name="specJson"/> is a serialized <see cref="LineChartSpec"/>. Returns a div and the
    /// script that draws into it, without plotly.js itself (the caller embeds that once per output).</summary>
    public static string Lines(string specJson)
    {
        var spec = JsonSerializer.Deserialize<LineChartSpec>(specJson, Json) ?? throw new ArgumentException("empty chart spec");
        var traces = spec.Series.Select(s =>
            Chart.Line<double, double, string>(x: s.X, y: s.Y, Name: s.Name, ShowMarkers: s.Markers));
        var chart = Chart.Combine(traces)
            .WithXAxisStyle<double, double, string>(TitleText: spec.XTitle, AxisType: spec.XLog ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithYAxisStyle<double, double, string>(TitleText: spec.YTitle, AxisType: spec.YLog ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithSize(spec.Width, spec.Height);
        chart = Plotly.NET.Chart.withTitle(spec.Title, TitleFont: null).Invoke(chart);
        return GenericChart.toChartHTML(chart);
    }
}
