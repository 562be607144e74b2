using Microsoft.Data.Analysis;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// DataFrames (Microsoft.Data.Analysis) of a run: one row per cell, per timeline second, per resource
/// sample, and per condition with its estimates. A notebook cell returning one renders it as a table.
/// </summary>
public static class ResultFrames
{
    /// <summary>One row per cell and repetition, the columns of results.csv that people filter on.</summary>
    public static DataFrame Results(RunRecord run)
    {
        var r = run.Results;
        return new DataFrame(
            new StringDataFrameColumn("cell", r.Select(x => x.Cell.Id)),
            new StringDataFrameColumn("stack", r.Select(x => x.Cell.Stack.Name)),
            new StringDataFrameColumn("app", r.Select(x => x.Cell.Stack.App)),
            new StringDataFrameColumn("server", r.Select(x => x.Cell.Stack.Server)),
            new Int32DataFrameColumn("workers", r.Select(x => x.Cell.Workers)),
            new StringDataFrameColumn("endpoint", r.Select(x => x.Cell.Endpoint)),
            new DoubleDataFrameColumn("level", r.Select(x => x.Cell.Level)),
            new Int32DataFrameColumn("repetition", r.Select(x => x.Cell.Repetition)),
            new Int64DataFrameColumn("requests", r.Select(x => x.Summary.Requests)),
            new DoubleDataFrameColumn("rps", r.Select(x => x.Summary.RequestsPerSecond)),
            new DoubleDataFrameColumn("p50_ms", r.Select(x => x.Summary.Latency.P50 / 1000.0)),
            new DoubleDataFrameColumn("p90_ms", r.Select(x => x.Summary.Latency.P90 / 1000.0)),
            new DoubleDataFrameColumn("p99_ms", r.Select(x => x.Summary.Latency.P99 / 1000.0)),
            new DoubleDataFrameColumn("p999_ms", r.Select(x => x.Summary.Latency.P999 / 1000.0)),
            new DoubleDataFrameColumn("max_ms", r.Select(x => x.Summary.Latency.Max / 1000.0)),
            new Int64DataFrameColumn("errors", r.Select(x => x.Summary.Errors)),
            new DoubleDataFrameColumn("server_cpu_pct", r.Select(x => x.Server.CpuPercent)),
            new DoubleDataFrameColumn("rss_mb", r.Select(x => x.Server.RssMaxBytes / 1e6)),
            new DoubleDataFrameColumn("pss_mb", r.Select(x => x.Server.PssMaxBytes / 1e6)),
            new DoubleDataFrameColumn("client_cpu_s", r.Select(x => x.Client.CpuSeconds)),
            new StringDataFrameColumn("flags", r.Select(x => string.Join(' ', x.Flags))));
    }

    /// <summary>One row per condition: means and 95% confidence intervals over the repetitions.</summary>
    public static DataFrame Conditions(RunAnalysis analysis)
    {
        var c = analysis.Conditions;
        return new DataFrame(
            new StringDataFrameColumn("stack", c.Select(x => x.Stack)),
            new Int32DataFrameColumn("workers", c.Select(x => x.Workers)),
            new StringDataFrameColumn("endpoint", c.Select(x => x.Endpoint)),
            new DoubleDataFrameColumn("level", c.Select(x => x.Level)),
            new Int32DataFrameColumn("n", c.Select(x => x.Rps.Length)),
            new DoubleDataFrameColumn("rps_mean", c.Select(x => x.RpsEstimate.Mean)),
            new DoubleDataFrameColumn("rps_ci_low", c.Select(x => x.RpsEstimate.Low)),
            new DoubleDataFrameColumn("rps_ci_high", c.Select(x => x.RpsEstimate.High)),
            new DoubleDataFrameColumn("p50_ms", c.Select(x => x.P50Estimate.Mean)),
            new DoubleDataFrameColumn("p99_ms", c.Select(x => x.P99Estimate.Mean)),
            new DoubleDataFrameColumn("cpu_pct", c.Select(x => x.CpuEstimate.Mean)),
            new DoubleDataFrameColumn("pss_mb", c.Select(x => x.PssEstimate.Mean)),
            new DoubleDataFrameColumn("rps_per_core", c.Select(x => x.RpsPerCoreEstimate.Mean)),
            new StringDataFrameColumn("flags", c.Select(x => string.Join(' ', x.Flags))));
    }

    /// <summary>One row per cell and second of its measured period.</summary>
    public static DataFrame Timeline(RunRecord run)
    {
        var rows = run.Results.SelectMany(r => r.Timeline.Select(t => (r.Cell, t))).ToList();
        return new DataFrame(
            new StringDataFrameColumn("cell", rows.Select(x => x.Cell.Id)),
            new StringDataFrameColumn("stack", rows.Select(x => x.Cell.Stack.Name)),
            new Int32DataFrameColumn("second", rows.Select(x => x.t.Second)),
            new Int64DataFrameColumn("requests", rows.Select(x => x.t.Requests)),
            new Int64DataFrameColumn("errors", rows.Select(x => x.t.Errors)),
            new DoubleDataFrameColumn("p50_ms", rows.Select(x => x.t.P50 / 1000.0)),
            new DoubleDataFrameColumn("p99_ms", rows.Select(x => x.t.P99 / 1000.0)));
    }

    /// <summary>One row per resource sample of each cell's server tree.</summary>
    public static DataFrame Resources(RunRecord run)
    {
        var rows = run.Results.SelectMany(r => r.Resources.Select(s => (r.Cell, s))).ToList();
        return new DataFrame(
            new StringDataFrameColumn("cell", rows.Select(x => x.Cell.Id)),
            new StringDataFrameColumn("stack", rows.Select(x => x.Cell.Stack.Name)),
            new DoubleDataFrameColumn("elapsed_s", rows.Select(x => x.s.Elapsed.TotalSeconds)),
            new DoubleDataFrameColumn("cpu_pct", rows.Select(x => x.s.CpuPercent)),
            new DoubleDataFrameColumn("cpu_user_s", rows.Select(x => x.s.CpuUserSeconds)),
            new DoubleDataFrameColumn("cpu_system_s", rows.Select(x => x.s.CpuSystemSeconds)),
            new DoubleDataFrameColumn("rss_mb", rows.Select(x => x.s.RssBytes / 1e6)),
            new DoubleDataFrameColumn("pss_mb", rows.Select(x => x.s.PssBytes / 1e6)),
            new Int32DataFrameColumn("processes", rows.Select(x => x.s.ProcessCount)));
    }
}
