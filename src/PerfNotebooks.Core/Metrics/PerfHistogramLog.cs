using System.Globalization;
using System.Text;
using HdrHistogram;

namespace PerfNotebooks.Metrics;

/// <summary>
/// Writes HdrHistogram interval logs (.hlog, format version 1.3) as ASCII lines, the form HdrHistogram's
/// tools (HistogramLogAnalyzer, the Java and Go readers) expect. Written here rather than with
/// HdrHistogram 2.5.0's own HistogramLogWriter, which writes UTF-16 text and pads each histogram with its
/// whole encode buffer. Payloads are HdrHistogram's compressed encoding; its HistogramLogReader reads the
/// file back, tags included.
/// </summary>
public static class PerfHistogramLog
{
    /// <summary>One line of the log: an interval (seconds after <c>StartTime</c>) and its histogram in microseconds.</summary>
    public readonly record struct Entry(string? Tag, double StartSeconds, double LengthSeconds, byte[] Compressed, long MaxValueUs);

    /// <summary>An entry of the log: <paramref name="histogram"/> tagged <paramref name="tag"/>, starting <paramref name="startSeconds"/> after the log's start and lasting <paramref name="lengthSeconds"/>.</summary>
    public static Entry EntryOf(string? tag, double startSeconds, double lengthSeconds, HistogramBase histogram)
        => new(tag, startSeconds, lengthSeconds, HistogramCodec.Encode(histogram), histogram.GetMaxValue());

    /// <summary>An entry of the log from an interval the engine cut.</summary>
    public static Entry EntryOf(HistogramInterval interval)
        => new(null, interval.StartSeconds, interval.LengthSeconds, interval.Compressed, interval.Decode().GetMaxValue());

    /// <summary>Writes an HdrHistogram interval log (.hlog) of <paramref name="entries"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, DateTimeOffset startedAt, string comment, IEnumerable<Entry> entries)
    {
        var c = CultureInfo.InvariantCulture;
        var startSeconds = startedAt.ToUnixTimeMilliseconds() / 1000.0;
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine("#[Histogram log format version 1.3]");
        writer.WriteLine(string.Create(c, $"#[StartTime: {startSeconds:0.000} (seconds since epoch), {startedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}]"));
        writer.WriteLine($"#[{comment}]");
        writer.WriteLine("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"");
        foreach (var e in entries)
        {
            // Interval_Max in seconds, as HdrHistogram's writers scale microsecond values by default.
            var tag = e.Tag is null ? "" : "Tag=" + e.Tag + ",";
            writer.WriteLine(string.Create(c, $"{tag}{e.StartSeconds:0.000},{e.LengthSeconds:0.000},{e.MaxValueUs / 1_000_000.0:0.000000},{Convert.ToBase64String(e.Compressed)}"));
        }
    }
}
