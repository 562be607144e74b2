using HdrHistogram;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Experiments;

/// <summary>
/// One cell's latency histograms as an HdrHistogram interval log (.hlog), readable by HdrHistogram's
/// own tools: the corrected histogram first (tag <c>corrected</c>), then the uncorrected one.
/// </summary>
public static class HistogramLogFile
{
    /// <summary>The tag of the corrected histogram's lines.</summary>
    public const string CorrectedTag = "corrected";
    /// <summary>The tag of the uncorrected histogram's lines.</summary>
    public const string UncorrectedTag = "uncorrected";

    /// <summary>Writes the corrected and uncorrected histograms of one cell as an HdrHistogram interval log (.hlog) at <paramref name="path"/>.</summary>
    public static void Write(string path, DateTimeOffset startedAt, TimeSpan duration, HistogramBase corrected, HistogramBase uncorrected)
    {
        var seconds = duration.TotalSeconds;
        AtomicFile.Write(path, stream => PerfHistogramLog.Write(stream, startedAt,
            "Values in microseconds; the whole recorded phase, corrected then uncorrected for coordinated omission",
            [PerfHistogramLog.EntryOf(CorrectedTag, 0, seconds, corrected), PerfHistogramLog.EntryOf(UncorrectedTag, 0, seconds, uncorrected)]));
    }

    /// <summary>
    /// True for what a damaged file makes HdrHistogram's reader throw: bad base64, a payload that is not a
    /// histogram or does not inflate, a line cut short, bytes that are not text.
    /// </summary>
    public static bool IsUnreadable(Exception e) => e is FormatException or InvalidDataException or IOException or ArgumentException
        or IndexOutOfRangeException or OverflowException or InvalidOperationException or NotSupportedException or UnauthorizedAccessException;

    /// <summary>Reads both histograms back; throws <see cref="FormatException"/> when the file does not hold them
    /// (and whatever <see cref="IsUnreadable"/> names when it is damaged).</summary>
    public static (HistogramBase Corrected, HistogramBase Uncorrected) Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new HistogramLogReader(stream);
        var histograms = reader.ReadHistograms().ToList();
        if (histograms.Count < 2) throw new FormatException($"{Path.GetFileName(path)} holds {histograms.Count} histograms, expected 2");
        var corrected = histograms.FirstOrDefault(h => h.Tag == CorrectedTag) ?? histograms[0];
        var uncorrected = histograms.FirstOrDefault(h => h.Tag == UncorrectedTag) ?? histograms[1];
        return (corrected, uncorrected);
    }
}
