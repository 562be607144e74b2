using HdrHistogram;

namespace PerfNotebooks.Metrics;

/// <summary>
/// One interval (about a second) of a run's corrected latency, kept compressed so a long run holds a
/// few hundred bytes per second rather than a full histogram; decode it to write an .hlog or re-analyse.
/// </summary>
/// <param name="StartSeconds">Interval start, seconds after the recorded phase began.</param>
/// <param name="LengthSeconds">Interval length in seconds.</param>
/// <param name="Compressed">HdrHistogram compressed encoding (<see cref="HistogramCodec"/>), microseconds.</param>
public sealed record HistogramInterval(double StartSeconds, double LengthSeconds, byte[] Compressed)
{
    /// <summary>The interval's histogram (microseconds).</summary>
    public HistogramBase Decode() => HistogramCodec.Decode(Compressed);
}
