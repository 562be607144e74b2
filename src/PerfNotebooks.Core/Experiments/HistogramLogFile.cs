using HdrHistogram;

namespace PerfNotebooks.Experiments;

/// <summary>
/// One cell's latency histograms as an HdrHistogram interval log (.hlog), readable by HdrHistogram's
/// own tools: the corrected histogram first (tag <c>corrected</c>), then the uncorrected one.
/// </summary>
public static class HistogramLogFile
{
    public const string CorrectedTag = "corrected";
    public const string UncorrectedTag = "uncorrected";

    public static void Write(string path, DateTimeOffset startedAt, TimeSpan duration, HistogramBase corrected, HistogramBase uncorrected)
    {
        var start = startedAt.ToUnixTimeMilliseconds();
        var end = start + (long)duration.TotalMilliseconds;
        var c = corrected.Copy();
        c.Tag = CorrectedTag;
        c.StartTimeStamp = start;
        c.EndTimeStamp = end;
        var u = uncorrected.Copy();
        u.Tag = UncorrectedTag;
        u.StartTimeStamp = start;
        u.EndTimeStamp = end;
        AtomicFile.Write(path, stream =>
        {
            // The writer owns a StreamWriter over the stream; disposing it flushes. Keep the stream open
            // for AtomicFile's flush-to-disk by writing into a buffer first.
            using var buffer = new MemoryStream();
            using (var writer = new HistogramLogWriter(buffer))
            {
                writer.Write(startedAt.UtcDateTime, c, u);
            }
            stream.Write(buffer.ToArray());
        });
    }

    /// <summary>Reads both histograms back; throws <see cref="FormatException"/> when the file does not hold them.</summary>
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
