using System.Text;

namespace PerfNotebooks.Reporting;

/// <summary>
/// plotly.js as Plotly.NET ships it (manifest resource <c>Plotly.NET.plotly-2.28.0.min.js</c>, 3.6 MB):
/// embedded once per page so reports and notebook output work with no network; or, where a page must stay
/// small (a committed notebook), fetched once from plotly's CDN (<see cref="CdnLoaderScript"/>).
/// </summary>
public static class PlotlyJs
{
    /// <summary>The manifest resource of Plotly.NET that holds plotly.js.</summary>
    public const string ResourceName = "Plotly.NET.plotly-2.28.0.min.js";

    /// <summary>The version of the embedded library.</summary>
    public const string Version = "2.28.0";

    /// <summary>The same version on plotly's CDN.</summary>
    public const string CdnUrl = "https://cdn.plot.ly/plotly-" + Version + ".min.js";

    /// <summary>The class of the script element that carries plotly.js inline.</summary>
    public const string InlineMarker = "perfnb-plotly-inline";

    /// <summary>The class of the script element that fetches plotly.js from the CDN.</summary>
    public const string CdnMarker = "perfnb-plotly-cdn";

    /// <summary>window.&lt;this&gt;: figures (<see cref="ChartFigure"/>) whose script ran before plotly.js was there.</summary>
    internal const string WaitingList = "perfnbPlotlyWaiting";

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
    public static string ScriptTag() => "<script type=\"text/javascript\">" + Safe(Code) + "</script>";

    /// <summary>
    /// plotly.js inline, defined only if the page lacks it, then every waiting figure drawn. Classic Jupyter
    /// has RequireJS: plotly's UMD wrapper would register an AMD module instead of window.Plotly, so
    /// <c>define</c> is hidden while it runs.
    /// </summary>
    public static string InlineLoaderScript() =>
        $"<script type=\"text/javascript\" class=\"{InlineMarker}\">\nif (typeof window.Plotly === 'undefined') {{ (function () {{ var __perfnbDefine = window.define; window.define = undefined; try {{\n{Safe(Code)}\n}} finally {{ window.define = __perfnbDefine; }} }})(); }}\n{Flush}\n</script>\n";

    /// <summary>
    /// Fetches plotly.js once from the CDN (through RequireJS where the page has it, as classic Jupyter does),
    /// then draws every waiting figure. Without network the figures keep their static images.
    /// </summary>
    public static string CdnLoaderScript()
    {
        var withoutJs = CdnUrl[..^3];
        return $$"""
            <script type="text/javascript" class="{{CdnMarker}}">
            (function () {
              if (window.Plotly) { {{Flush}} return; }
              if (window.perfnbPlotlyLoading) return;
              window.perfnbPlotlyLoading = true;
              function ready(P) { if (P && !window.Plotly) window.Plotly = P; {{Flush}} }
              if (typeof window.require === 'function' && typeof window.define === 'function' && window.define.amd) {
                window.require.config({ paths: { perfnbplotly: '{{withoutJs}}' } });
                window.require(['perfnbplotly'], ready, function () { window.perfnbPlotlyLoading = false; });
              } else {
                var s = document.createElement('script');
                s.src = '{{CdnUrl}}';
                s.onload = function () { ready(window.Plotly); };
                s.onerror = function () { window.perfnbPlotlyLoading = false; };
                document.head.appendChild(s);
              }
            })();
            </script>

            """;
    }

    private static readonly string Flush =
        $"(function () {{ var w = window.{WaitingList} || []; window.{WaitingList} = []; if (window.Plotly) w.forEach(function (draw) {{ draw(window.Plotly); }}); }})();";

    private static string Safe(string js) => js.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
}
