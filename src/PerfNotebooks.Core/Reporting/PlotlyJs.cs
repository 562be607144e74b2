using System.Text;

namespace PerfNotebooks.Reporting;

/// <summary>
/// plotly.js as Plotly.NET ships it (manifest resource <c>Plotly.NET.plotly-2.28.0.min.js</c>, 3.6 MB):
/// embedded once per page so reports and notebook output work with no network.
/// </summary>
public static class PlotlyJs
{
    public const string ResourceName = "Plotly.NET.plotly-2.28.0.min.js";

    private static readonly Lazy<string> Source = new(() =>
    {
        using var stream = typeof(Plotly.NET.GenericChart).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Plotly.NET lacks the resource {ResourceName}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <summary>The library's source.</summary>
    public static string Code => Source.Value;

    /// <summary>A script element holding the library, safe to put in an HTML page (no "&lt;/script" inside).</summary>
    public static string ScriptTag() => "<script type=\"text/javascript\">" + Code.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase) + "</script>";
}
