using Microsoft.FSharp.Core;
using Plotly.NET;

namespace PerfNotebooks.Reporting;

/// <summary>
/// Plotly.NET charts from plain data (arrays and strings), so a caller in another assembly load context
/// can build them by reflection. Traces are built as Plotly.NET's dynamic trace objects, which keeps
/// the C# side free of the F# API's long optional-argument lists.
/// </summary>
public static class ChartBuilder
{
    private const string Font = "system-ui, -apple-system, 'Segoe UI', sans-serif";

    /// <summary>The interactive chart of a <see cref="ChartSpec"/>.</summary>
    public static GenericChart From(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var names = spec.Series.Select(s => s.Name).ToArray();
        var hasErrors = spec.Series.Any(s => s.ErrorPlus is not null);
        double[][]? plus = hasErrors ? spec.Series.Select(s => s.ErrorPlus ?? new double[s.Y.Length]).ToArray() : null;
        double[][]? minus = hasErrors ? spec.Series.Select(s => s.ErrorMinus ?? s.ErrorPlus ?? new double[s.Y.Length]).ToArray() : null;
        return spec.Kind switch
        {
            ChartKind.Bars => Bars(spec.Title, spec.YTitle, [.. spec.Categories], names, spec.Series.Select(s => s.Y).ToArray(), plus, minus, spec.LogY),
            ChartKind.Lines => Lines(spec.Title, spec.XTitle, spec.YTitle, names, spec.Series.Select(s => s.X).ToArray(), spec.Series.Select(s => s.Y).ToArray(), plus, minus, spec.LogX, spec.LogY),
            _ => PercentileSpectrum(spec.Title, names, spec.Series.Select(s => s.X).ToArray(), spec.Series.Select(s => s.Y).ToArray()),
        };
    }

    /// <summary>Grouped bars: one trace per series over the same categories, with optional asymmetric error bars.</summary>
    public static GenericChart Bars(string title, string yTitle, string[] categories, string[] seriesNames, double[][] values, double[][]? errorPlus = null, double[][]? errorMinus = null, bool logY = false)
    {
        var traces = new List<Trace>();
        for (var s = 0; s < seriesNames.Length; s++)
        {
            var t = new Trace2D("bar");
            t.SetProperty("name", seriesNames[s]);
            t.SetProperty("x", categories);
            t.SetProperty("y", Clean(values[s]));
            if (errorPlus is not null)
                t.SetProperty("error_y", ErrorBars(errorPlus[s], errorMinus?[s] ?? errorPlus[s]));
            traces.Add(t);
        }
        return Compose(traces, title, xTitle: "", yTitle, logX: false, logY, barmode: "group");
    }

    /// <summary>Lines with markers: one series per name, each with its own x values; optional error bars on y.</summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, string[] seriesNames, double[][] xs, double[][] ys, double[][]? yErrorPlus = null, double[][]? yErrorMinus = null, bool logX = false, bool logY = false)
    {
        var traces = new List<Trace>();
        for (var s = 0; s < seriesNames.Length; s++)
        {
            var t = new Trace2D("scatter");
            t.SetProperty("name", seriesNames[s]);
            t.SetProperty("mode", "lines+markers");
            t.SetProperty("x", Clean(xs[s]));
            t.SetProperty("y", Clean(ys[s]));
            if (yErrorPlus is not null)
                t.SetProperty("error_y", ErrorBars(yErrorPlus[s], yErrorMinus?[s] ?? yErrorPlus[s]));
            traces.Add(t);
        }
        var chart = Compose(traces, title, xTitle, yTitle, logX, logY, barmode: null);
        if (!logX && !logY) return chart;
        // Plotly labels a log axis that spans less than a few decades with every minor digit ("2 3 4 ... 9 10 2"),
        // which reads as noise: name the ticks instead. On x the load levels themselves (1, 8, 64, 256), on y a
        // 1-2-5 series over the data.
        var layout = GenericChart.getLayout(chart);
        if (logX) layout.SetProperty("xaxis", Axis(xTitle, log: true, LevelTicks(xs.SelectMany(x => x))));
        if (logY) layout.SetProperty("yaxis", Axis(yTitle, log: true, OneTwoFiveTicks(ys.SelectMany(y => y))));
        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>Every distinct positive value, when there are few enough to label; else a 1-2-5 series.</summary>
    internal static double[] LevelTicks(IEnumerable<double> values)
    {
        var distinct = values.Where(v => double.IsFinite(v) && v > 0).Distinct().Order().ToArray();
        return distinct.Length is > 0 and <= 12 ? distinct : OneTwoFiveTicks(distinct);
    }

    /// <summary>1, 2, 5, 10, 20, 50, ... from just below the smallest positive value to just above the largest.</summary>
    internal static double[] OneTwoFiveTicks(IEnumerable<double> values)
    {
        var positive = values.Where(v => double.IsFinite(v) && v > 0).ToArray();
        if (positive.Length == 0) return [];
        var (min, max) = (positive.Min(), positive.Max());
        var ticks = new List<double>();
        for (var decade = Math.Pow(10, Math.Floor(Math.Log10(min))); decade <= max * 10; decade *= 10)
        {
            foreach (var step in new[] { 1.0, 2.0, 5.0 })
            {
                var tick = decade * step;
                if (tick >= min / 2.5 && tick <= max * 2.5) ticks.Add(tick);
            }
        }
        return [.. ticks];
    }

    /// <summary>
    /// HdrHistogram's percentile spectrum: latency against percentile, the percentile axis logarithmic
    /// in 1/(1-p) so the tail (99%, 99.9%, 99.99%) gets room. <paramref name="percentiles"/> in 0..100.
    /// </summary>
    public static GenericChart PercentileSpectrum(string title, string[] seriesNames, double[][] percentiles, double[][] latencyMs)
    {
        var traces = new List<Trace>();
        for (var s = 0; s < seriesNames.Length; s++)
        {
            var x = percentiles[s].Select(p => 1.0 / Math.Max(1e-6, 1 - Math.Min(p, 99.9999) / 100)).ToArray();
            var t = new Trace2D("scatter");
            t.SetProperty("name", seriesNames[s]);
            t.SetProperty("mode", "lines");
            t.SetProperty("x", x);
            t.SetProperty("y", Clean(latencyMs[s]));
            t.SetProperty("customdata", percentiles[s]);
            t.SetProperty("hovertemplate", "%{customdata:.3f}%: %{y:.3f} ms<extra>" + seriesNames[s].Replace("<", "", StringComparison.Ordinal) + "</extra>");
            traces.Add(t);
        }
        var chart = Compose(traces, title, "percentile", "latency (ms)", logX: true, logY: false, barmode: null);
        var layout = GenericChart.getLayout(chart);
        layout.SetProperty("xaxis", new Dictionary<string, object>
        {
            ["type"] = "log",
            ["title"] = new Dictionary<string, object> { ["text"] = "percentile" },
            ["tickvals"] = new double[] { 1, 2, 10, 100, 1000, 10000 },
            ["ticktext"] = new[] { "0%", "50%", "90%", "99%", "99.9%", "99.99%" },
        });
        return GenericChart.setLayout(layout, chart);
    }

    private static Dictionary<string, object> ErrorBars(double[] plus, double[] minus) => new()
    {
        ["type"] = "data",
        ["symmetric"] = false,
        ["array"] = Clean(plus),
        ["arrayminus"] = Clean(minus),
        ["visible"] = true,
    };

    // JSON has no NaN: plotly reads null as a gap.
    private static object?[] Clean(double[] values) => values.Select(v => double.IsFinite(v) ? (object?)v : null).ToArray();

    private static GenericChart Compose(List<Trace> traces, string title, string xTitle, string yTitle, bool logX, bool logY, string? barmode)
    {
        var chart = GenericChart.ofTraceObjects(true, traces);
        var layout = new Layout();
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title });
        layout.SetProperty("font", new Dictionary<string, object> { ["family"] = Font, ["size"] = 12 });
        layout.SetProperty("xaxis", Axis(xTitle, logX));
        layout.SetProperty("yaxis", Axis(yTitle, logY));
        layout.SetProperty("legend", new Dictionary<string, object> { ["orientation"] = "h", ["y"] = -0.2 });
        layout.SetProperty("margin", new Dictionary<string, object> { ["t"] = 50, ["l"] = 70, ["r"] = 20, ["b"] = 80 });
        layout.SetProperty("height", 420);
        if (barmode is not null) layout.SetProperty("barmode", barmode);
        chart = GenericChart.setLayout(layout, chart);
        var config = new Config();
        config.SetProperty("responsive", true);
        config.SetProperty("displaylogo", false); // the logo is a link to plotly.com: nothing in a report points outside it
        chart = GenericChart.setConfig(config, chart);
        var display = DisplayOptions.init(null, null, null, null, null, null, FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.NoReference));
        return GenericChart.setDisplayOptions(display, chart);
    }

    private static Dictionary<string, object> Axis(string title, bool log, double[]? ticks = null)
    {
        var axis = new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = title }, ["automargin"] = true };
        if (log) axis["type"] = "log";
        if (ticks is { Length: > 0 })
        {
            axis["tickvals"] = ticks;
            axis["ticktext"] = ticks.Select(t => t.ToString("#,0.###", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }
        return axis;
    }
}
