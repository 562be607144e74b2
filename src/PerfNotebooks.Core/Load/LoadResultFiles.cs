using HdrHistogram;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Load;

/// <summary>
/// Writes a <see cref="LoadResult"/> in HdrHistogram's standard formats, with HdrHistogram's own
/// writers, so HdrHistogram tools (HistogramLogAnalyzer, the online plotter) read them: the .hgrm
/// percentile distribution (values in milliseconds, as wrk2 prints them) and the .hlog interval log
/// (one compressed histogram per second, values in microseconds).
/// </summary>
public static class LoadResultFiles
{
    /// <summary>The corrected (or uncorrected) latency as an .hgrm percentile distribution, in milliseconds.</summary>
    public static void WriteHgrm(LoadResult result, TextWriter writer, bool corrected = true)
    {
        var histogram = corrected ? result.Corrected : result.Uncorrected;
        histogram.OutputPercentileDistribution(writer, percentileTicksPerHalfDistance: 5, outputValueUnitScalingRatio: 1000.0);
    }

    /// <summary>The per-second corrected histograms as an .hlog interval log (microseconds).</summary>
    public static void WriteHlog(LoadResult result, Stream stream)
        => PerfHistogramLog.Write(stream, result.StartedAt,
            "Values in microseconds; intervals of the recorded phase; corrected for coordinated omission at a fixed rate",
            result.Intervals.Select(PerfHistogramLog.EntryOf));

    /// <summary>Writes both files next to each other: PATH.hgrm and PATH.hlog.</summary>
    public static void WriteBoth(LoadResult result, string pathWithoutExtension)
    {
        using (var hgrm = new StreamWriter(pathWithoutExtension + ".hgrm"))
            WriteHgrm(result, hgrm);
        using var hlog = File.Create(pathWithoutExtension + ".hlog");
        WriteHlog(result, hlog);
    }
}
