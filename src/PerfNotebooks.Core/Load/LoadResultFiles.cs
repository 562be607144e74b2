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

    /// <summary>The per-second corrected histograms as an .hlog interval log.</summary>
    public static void WriteHlog(LoadResult result, Stream stream)
    {
        var start = result.StartedAt.UtcDateTime;
        var startMs = result.StartedAt.ToUnixTimeMilliseconds();
        var histograms = new List<HistogramBase>(result.Intervals.Count);
        foreach (var interval in result.Intervals)
        {
            var histogram = interval.Decode();
            histogram.StartTimeStamp = startMs + (long)Math.Round(interval.StartSeconds * 1000);
            histogram.EndTimeStamp = histogram.StartTimeStamp + (long)Math.Round(interval.LengthSeconds * 1000);
            histogram.Tag = result.Spec.Rate is null ? "closed-loop" : "corrected";
            histograms.Add(histogram);
        }
        using var writer = new HistogramLogWriter(new NonClosingStream(stream));
        writer.Write(start, histograms.ToArray());
    }

    /// <summary>Writes both files next to each other: PATH.hgrm and PATH.hlog.</summary>
    public static void WriteBoth(LoadResult result, string pathWithoutExtension)
    {
        using (var hgrm = new StreamWriter(pathWithoutExtension + ".hgrm"))
            WriteHgrm(result, hgrm);
        using var hlog = File.Create(pathWithoutExtension + ".hlog");
        WriteHlog(result, hlog);
    }

    /// <summary>HistogramLogWriter disposes its stream; the caller owns it.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Flush();
        }
    }
}
