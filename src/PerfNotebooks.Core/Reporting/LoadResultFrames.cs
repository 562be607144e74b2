using Microsoft.Data.Analysis;
using PerfNotebooks.Load;

namespace PerfNotebooks.Reporting;

/// <summary>
/// DataFrames of one load result, so a notebook user goes on in C# (filter, aggregate, export) from what a
/// run measured. Latencies in milliseconds, the unit people read.
/// </summary>
public static class LoadResultFrames
{
    /// <summary>The per-second timeline: second, requests, errors, p50_ms, p99_ms.</summary>
    public static DataFrame ToDataFrame(this LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = result.Timeline;
        return new DataFrame(
            new PrimitiveDataFrameColumn<int>("second", t.Select(s => s.Second)),
            new PrimitiveDataFrameColumn<long>("requests", t.Select(s => s.Requests)),
            new PrimitiveDataFrameColumn<long>("errors", t.Select(s => s.Errors)),
            new PrimitiveDataFrameColumn<double>("p50_ms", t.Select(s => s.P50 / 1000.0)),
            new PrimitiveDataFrameColumn<double>("p99_ms", t.Select(s => s.P99 / 1000.0)));
    }

    /// <summary>The latency distribution: percentile and latency (ms), corrected and uncorrected, HdrHistogram style.</summary>
    public static DataFrame PercentilesDataFrame(this LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        double[] percentiles = [50, 75, 90, 95, 99, 99.9, 99.99, 100];
        return new DataFrame(
            new PrimitiveDataFrameColumn<double>("percentile", percentiles),
            new PrimitiveDataFrameColumn<double>("corrected_ms", percentiles.Select(p => result.Corrected.GetValueAtPercentile(p) / 1000.0)),
            new PrimitiveDataFrameColumn<double>("uncorrected_ms", percentiles.Select(p => result.Uncorrected.GetValueAtPercentile(p) / 1000.0)));
    }
}
