using HdrHistogram;
using PerfNotebooks.Load;

namespace PerfNotebooks.Reporting;

/// <summary>
/// The charts of one load result: the latency percentile spectrum (corrected, and uncorrected beside it at a
/// constant rate) and the per-second timeline. The notebook's #!load and the quickstart example show these.
/// </summary>
public static class LoadResultCharts
{
    /// <summary>The charts of one load result: latency over time, the percentile spectrum, throughput over time.</summary>
    public static IReadOnlyList<NamedChart> All(LoadResult result) => [Spectrum(result), Timeline(result)];

    /// <summary>HdrHistogram-style spectrum: percentile on a log axis to 99.99.</summary>
    public static NamedChart Spectrum(LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var series = new List<(string Name, double[] P, double[] Ms)> { Points("corrected", result.Corrected) };
        if (result.Spec.Rate is not null) series.Add(Points("uncorrected", result.Uncorrected));
        return new("latency-spectrum", "Latency by percentile",
            result.Spec.Rate is null
                ? "Closed loop: each connection waits for its answer before the next request, so corrected and uncorrected latency are the same."
                : "Constant rate: corrected latency counts from each request's intended send time (the queue included); uncorrected from when it actually went out.",
            ChartSpec.PercentileSpectrum("latency by percentile", series.Select(s => s.Name).ToArray(), series.Select(s => s.P).ToArray(), series.Select(s => s.Ms).ToArray()));
    }

    /// <summary>Requests, p50, p99 and errors for each second of the measured period (log y: they differ by orders of magnitude).</summary>
    public static NamedChart Timeline(LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = result.Timeline;
        var seconds = t.Select(s => (double)s.Second).ToArray();
        return new("timeline", "Per second", "Each second of the measured period: a steady run has flat lines.",
            ChartSpec.Lines("per second", "second", "requests/s · latency (ms) · errors",
                ["req/s", "p50 ms", "p99 ms", "errors"],
                [seconds, seconds, seconds, seconds],
                [
                    t.Select(s => (double)s.Requests).ToArray(),
                    t.Select(s => s.P50 / 1000.0).ToArray(),
                    t.Select(s => s.P99 / 1000.0).ToArray(),
                    t.Select(s => (double)s.Errors).ToArray(),
                ],
                logY: true));
    }

    private static (string, double[], double[]) Points(string name, HistogramBase histogram)
    {
        var points = histogram.TotalCount == 0
            ? []
            // HdrHistogram's iterator hands out one reused value object: copy each step's numbers out at once.
            : histogram.Percentiles(5).TakeWhile(v => v.Percentile < 100).Select(v => (v.Percentile, Ms: v.ValueIteratedTo / 1000.0)).ToArray();
        return (name, points.Select(p => p.Percentile).ToArray(), points.Select(p => p.Ms).ToArray());
    }
}
