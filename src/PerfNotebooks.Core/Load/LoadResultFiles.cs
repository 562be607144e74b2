using System.Globalization;
using System.Text;
using HdrHistogram;

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

    /// <summary>
    /// The per-second corrected histograms as an .hlog interval log (format version 1.3). Written here
    /// rather than with HdrHistogram 2.5.0's HistogramLogWriter, which writes UTF-16 text and pads each
    /// histogram with its whole encode buffer; other HdrHistogram tools expect ASCII lines. The histogram
    /// payloads are HdrHistogram's own compressed encoding, and its HistogramLogReader reads the file back.
    /// </summary>
    public static void WriteHlog(LoadResult result, Stream stream)
    {
        var c = CultureInfo.InvariantCulture;
        var startSeconds = result.StartedAt.ToUnixTimeMilliseconds() / 1000.0;
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine("#[Histogram log format version 1.3]");
        writer.WriteLine(string.Create(c, $"#[StartTime: {startSeconds:0.000} (seconds since epoch), {result.StartedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}]"));
        writer.WriteLine("#[Values in microseconds; intervals of the recorded phase; corrected for coordinated omission at a fixed rate]");
        writer.WriteLine("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"");
        foreach (var interval in result.Intervals)
        {
            var max = interval.Decode().GetMaxValue() / 1_000_000.0; // Interval_Max in seconds, as HdrHistogram's writers scale by default
            writer.WriteLine(string.Create(c, $"{interval.StartSeconds:0.000},{interval.LengthSeconds:0.000},{max:0.000000},{Convert.ToBase64String(interval.Compressed)}"));
        }
    }

    /// <summary>Writes both files next to each other: PATH.hgrm and PATH.hlog.</summary>
    public static void WriteBoth(LoadResult result, string pathWithoutExtension)
    {
        using (var hgrm = new StreamWriter(pathWithoutExtension + ".hgrm"))
            WriteHgrm(result, hgrm);
        using var hlog = File.Create(pathWithoutExtension + ".hlog");
        WriteHlog(result, hlog);
    }
}
