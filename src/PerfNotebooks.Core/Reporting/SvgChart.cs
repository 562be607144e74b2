using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace PerfNotebooks.Reporting;

/// <summary>
/// A <see cref="ChartSpec"/> drawn as a static SVG by OxyPlot (OxyPlot.Core's managed SvgExporter: no
/// browser, no native library, no font files), for places where scripts do not run: GitHub's and nbviewer's
/// notebook views, an exported notebook, a Markdown write-up.
/// </summary>
public static class SvgChart
{
    /// <summary>Default size in SVG user units (pixels).</summary>
    public const int DefaultWidth = 820, DefaultHeight = 440;

    // Plotly's default colour sequence, so the image and the interactive chart agree.
    private static readonly OxyColor[] Palette = new[]
    {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    }.Select(OxyColor.Parse).ToArray();

    private const string Font = "Helvetica, Arial, sans-serif";

    /// <summary>The chart as an SVG document (UTF-8 text, with an XML declaration removed so it can be inlined).</summary>
    public static string Render(ChartSpec spec, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var model = Model(spec);
        if (spec.Kind == ChartKind.Bars)
        {
            // Horizontal bars: each category gets a band tall enough for its bars and its label.
            height = Math.Max(height, 110 + spec.Categories.Count * Math.Max(22, 9 * spec.Series.Count));
        }
        var exporter = new SvgExporter { Width = width, Height = height, TextMeasurer = new RoomyTextMeasurer(width, height) };
        var svg = exporter.ExportToString(model);
        // OxyPlot draws an exception as text into the image instead of throwing: make it an error.
        if (model.GetLastPlotException() is { } failure)
            throw new InvalidOperationException($"chart '{spec.Title}' did not draw: {failure.Message}", failure);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }

    /// <summary>The OxyPlot model of a spec (exposed for callers that export to another format).</summary>
    public static PlotModel Model(ChartSpec spec)
    {
        var model = new PlotModel
        {
            Title = spec.Title,
            TitleFontSize = 14,
            TitleFontWeight = FontWeights.Normal,
            DefaultFont = Font,
            DefaultFontSize = 11,
            Background = OxyColors.White,
            PlotAreaBorderColor = OxyColor.FromRgb(0xcc, 0xcc, 0xcc),
            Padding = new OxyThickness(8),
        };
        model.Legends.Add(new Legend
        {
            // One series per line on the right: stack names are long, and a wrapped horizontal legend
            // needs exact font metrics to not overlap.
            LegendPlacement = LegendPlacement.Outside,
            LegendPosition = LegendPosition.RightTop,
            LegendOrientation = LegendOrientation.Vertical,
            LegendBorderThickness = 0,
            LegendFontSize = 11,
        });
        switch (spec.Kind)
        {
            case ChartKind.Bars: AddBars(model, spec); break;
            case ChartKind.Lines: AddLines(model, spec); break;
            default: AddSpectrum(model, spec); break;
        }
        return model;
    }

    private static void AddBars(PlotModel model, ChartSpec spec)
    {
        // OxyPlot's bars are horizontal (categories on the y axis): long stack names stay readable. The first
        // category on top, as a reader goes down the list.
        var categories = new CategoryAxis { Position = AxisPosition.Left, Key = "y", GapWidth = 0.3, StartPosition = 1, EndPosition = 0 };
        categories.Labels.AddRange(spec.Categories);
        model.Axes.Add(categories);
        var values = ValueAxis(spec.YTitle, spec.LogY, AxisPosition.Bottom, "x");
        if (!spec.LogY) values.Minimum = 0;
        model.Axes.Add(values);
        for (var s = 0; s < spec.Series.Count; s++)
        {
            var series = spec.Series[s];
            var bars = new ErrorBarSeries { Title = series.Name, FillColor = Palette[s % Palette.Length], XAxisKey = "x", YAxisKey = "y", StrokeThickness = 0, ErrorStrokeThickness = 1, ErrorWidth = 0.3 };
            for (var c = 0; c < spec.Categories.Count; c++)
            {
                var y = c < series.Y.Length ? series.Y[c] : double.NaN;
                var error = series.ErrorPlus is { } plus && c < plus.Length && double.IsFinite(plus[c]) ? plus[c] : 0;
                // OxyPlot draws a bar for every category; a category this series lacks gets an empty one.
                bars.Items.Add(new ErrorBarItem(double.IsFinite(y) ? y : 0, error));
            }
            model.Series.Add(bars);
        }
    }

    private static void AddLines(PlotModel model, ChartSpec spec)
    {
        model.Axes.Add(ValueAxis(spec.XTitle, spec.LogX, AxisPosition.Bottom, "x", spec.Series.SelectMany(s => s.X)));
        model.Axes.Add(ValueAxis(spec.YTitle, spec.LogY, AxisPosition.Left, "y", spec.Series.SelectMany(s => s.Y)));
        for (var s = 0; s < spec.Series.Count; s++)
        {
            var series = spec.Series[s];
            var color = Palette[s % Palette.Length];
            var line = new LineSeries { Title = series.Name, Color = color, MarkerType = MarkerType.Circle, MarkerSize = 3, MarkerFill = color, StrokeThickness = 1.5, XAxisKey = "x", YAxisKey = "y" };
            for (var i = 0; i < Math.Min(series.X.Length, series.Y.Length); i++)
            {
                if (Drawable(series.X[i], spec.LogX) && Drawable(series.Y[i], spec.LogY)) line.Points.Add(new DataPoint(series.X[i], series.Y[i]));
                else line.Points.Add(DataPoint.Undefined);
            }
            model.Series.Add(line);
            if (series.ErrorPlus is not { } plus) continue;
            var whiskers = new ScatterErrorSeries { MarkerFill = color, ErrorBarColor = color, MarkerType = MarkerType.None, ErrorBarStrokeThickness = 1, XAxisKey = "x", YAxisKey = "y", RenderInLegend = false };
            for (var i = 0; i < Math.Min(series.X.Length, Math.Min(series.Y.Length, plus.Length)); i++)
                if (Drawable(series.X[i], spec.LogX) && Drawable(series.Y[i], spec.LogY) && double.IsFinite(plus[i]))
                    whiskers.Points.Add(new ScatterErrorPoint(series.X[i], series.Y[i], 0, plus[i]));
            model.Series.Add(whiskers);
        }
    }

    private static void AddSpectrum(PlotModel model, ChartSpec spec)
    {
        // x = log10(1 / (1 - p)): 90% -> 1, 99% -> 2, 99.9% -> 3: a linear axis over it gives the tail room and
        // puts a tick at each "nine" (OxyPlot's log axis would pick 1-3-10 steps: 67%, 97%).
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom, Key = "x", Title = "percentile", Minimum = 0, Maximum = 4, MajorStep = 1, MinorStep = 1,
            LabelFormatter = x => Percent(Math.Pow(10, x)), MajorGridlineStyle = LineStyle.Solid, MajorGridlineColor = Grid, MinorTickSize = 0,
        });
        model.Axes.Add(ValueAxis(spec.YTitle, false, AxisPosition.Left, "y", spec.Series.SelectMany(s => s.Y)));
        for (var s = 0; s < spec.Series.Count; s++)
        {
            var series = spec.Series[s];
            var line = new LineSeries { Title = series.Name, Color = Palette[s % Palette.Length], StrokeThickness = 1.5, XAxisKey = "x", YAxisKey = "y" };
            for (var i = 0; i < Math.Min(series.X.Length, series.Y.Length); i++)
            {
                var x = Math.Log10(1.0 / Math.Max(1e-6, 1 - Math.Min(series.X[i], 99.9999) / 100));
                if (double.IsFinite(series.Y[i])) line.Points.Add(new DataPoint(x, series.Y[i]));
            }
            model.Series.Add(line);
        }
    }

    private static readonly OxyColor Grid = OxyColor.FromRgb(0xe8, 0xe8, 0xe8);

    private static Axis ValueAxis(string title, bool log, AxisPosition position, string key, IEnumerable<double>? values = null)
    {
        Axis axis = log ? new LogarithmicAxis { MinorTickSize = 0 } : new LinearAxis();
        axis.Position = position;
        axis.Key = key;
        axis.Title = title;
        axis.MajorGridlineStyle = LineStyle.Solid;
        axis.MajorGridlineColor = Grid;
        axis.StringFormat = "#,0.###";
        if (log && values is not null)
        {
            // Some room around the data; a log axis over less than a decade gets no major tick from OxyPlot,
            // so a narrow range is widened to whole decades.
            var positive = values.Where(v => double.IsFinite(v) && v > 0).ToArray();
            if (positive.Length > 0)
            {
                var (min, max) = (positive.Min() / 1.25, positive.Max() * 1.25);
                if (max / min < 10) (min, max) = (Math.Pow(10, Math.Floor(Math.Log10(min))), Math.Pow(10, Math.Ceiling(Math.Log10(max))));
                axis.Minimum = min;
                axis.Maximum = max;
            }
        }
        else if (!log && values is not null && values.Where(double.IsFinite).DefaultIfEmpty(0).Min() >= 0)
        {
            axis.Minimum = 0;
        }
        return axis;
    }

    /// <summary>
    /// OxyPlot measures text with Helvetica's metrics; a viewer without Helvetica or Arial draws it with a
    /// wider face (DejaVu Sans on Debian). Measuring a little wide keeps labels clear of each other everywhere.
    /// </summary>
    private sealed class RoomyTextMeasurer(double width, double height) : PdfRenderContext(width, height, OxyColors.White)
    {
        public override OxySize MeasureText(string text, string fontFamily = null!, double fontSize = 10, double fontWeight = 500)
        {
            var size = base.MeasureText(text, fontFamily, fontSize, fontWeight);
            return new OxySize(size.Width * 1.55, size.Height);
        }
    }

    private static bool Drawable(double v, bool log) => double.IsFinite(v) && (!log || v > 0);

    private static string Percent(double x)
    {
        var p = 100 * (1 - 1 / x);
        return p.ToString(p < 99 ? "0" : "0.###", CultureInfo.InvariantCulture) + "%";
    }
}
