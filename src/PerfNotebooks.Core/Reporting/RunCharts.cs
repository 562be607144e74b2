using HdrHistogram;


namespace PerfNotebooks.Reporting;

/// <summary>
/// The charts of a run, as Plotly.NET charts: throughput with confidence intervals, the latency
/// percentile spectrum, throughput against concurrency, latency against throughput, CPU and PSS over
/// time, efficiency, and the worker sweep. A chart whose data the run lacks is left out.
/// </summary>
public static class RunCharts
{
    /// <summary>Every chart the run has data for, in report order.</summary>
    public static IReadOnlyList<NamedChart> All(RunAnalysis a)
    {
        var charts = new List<NamedChart?>
        {
            Throughput(a), LatencySpectrum(a), ThroughputVsConcurrency(a), LatencyVsThroughput(a),
            CpuOverTime(a), PssOverTime(a), EfficiencyPerCore(a), EfficiencyPerMb(a), WorkerSweep(a),
        };
        // A traffic spike, second by second (runs that met one).
        var spikes = SpikesTable.Build(a);
        charts.Add(SpikesTable.ServedChart(spikes));
        charts.Add(SpikesTable.LatencyChart(spikes));
        return charts.OfType<NamedChart>().ToList();
    }

    /// <summary>Throughput per condition.</summary>
    public static NamedChart? Throughput(RunAnalysis a)
    {
        var endpoints = a.Endpoints.Where(e => a.AtReference(e).Count > 0).ToList();
        if (endpoints.Count == 0) return null;
        var stacks = endpoints.SelectMany(e => a.AtReference(e).Select(c => c.Label)).Distinct().ToArray();
        var names = endpoints.Select(e => $"{e} @ {Level(a, e)}").ToArray();
        double[] Row(string e, Func<ConditionStats, double> f) => stacks.Select(s => a.AtReference(e).FirstOrDefault(c => c.Label == s) is { } c ? f(c) : double.NaN).ToArray();
        var values = endpoints.Select(e => Row(e, c => c.RpsEstimate.Mean)).ToArray();
        var plus = endpoints.Select(e => Row(e, c => c.RpsEstimate.High - c.RpsEstimate.Mean)).ToArray();
        var minus = endpoints.Select(e => Row(e, c => Down(c.RpsEstimate))).ToArray();
        return new("throughput", "Throughput per stack",
            "Mean requests per second over the repetitions; the whiskers are 95% confidence intervals (Student t). Who leads is judged on the ratio scale in the verdict table, not by overlapping whiskers.",
            ChartSpec.Bars("Throughput per stack (mean, 95% CI)", "requests per second", stacks, names, values, plus, minus));
    }

    /// <summary>Latency percentile spectra.</summary>
    public static NamedChart? LatencySpectrum(RunAnalysis a)
    {
        var endpoint = a.Endpoints.FirstOrDefault(e => a.AtReference(e).Any(c => c.Cells.Any(x => x.Corrected is not null)));
        if (endpoint is null) return null;
        var series = new List<(string Name, double[] P, double[] Ms)>();
        var percentiles = Enumerable.Range(0, 81).Select(k => 100 * (1 - Math.Pow(10, -k / 20.0))).ToArray();
        foreach (var c in a.AtReference(endpoint))
        {
            var histograms = c.Cells.Select(x => x.Corrected).OfType<HistogramBase>().Where(h => h.TotalCount > 0).ToList();
            if (histograms.Count == 0) continue;
            var merged = histograms[0].Copy();
            foreach (var h in histograms.Skip(1)) merged.Add(h);
            series.Add((c.Label, percentiles, percentiles.Select(p => merged.GetValueAtPercentile(p) / 1000.0).ToArray()));
        }
        if (series.Count == 0) return null;
        return new("latency-spectrum", "Latency percentile spectrum",
            $"{endpoint} at {Level(a, endpoint)}, all repetitions merged, corrected for coordinated omission. Read the right end: the tail a user waits on.",
            ChartSpec.PercentileSpectrum($"Latency by percentile: {endpoint} @ {Level(a, endpoint)}", series.Select(s => s.Name).ToArray(), series.Select(s => s.P).ToArray(), series.Select(s => s.Ms).ToArray()));
    }

    /// <summary>Throughput against connections.</summary>
    public static NamedChart? ThroughputVsConcurrency(RunAnalysis a)
    {
        var endpoint = a.SweepEndpoint();
        if (endpoint is null) return null;
        var lines = Sweep(a, endpoint);
        if (lines.Count == 0) return null;
        return new("throughput-vs-concurrency", "Throughput against concurrency",
            $"{endpoint}: mean req/s at each load level, 95% CI whiskers. A flat line is a stack that is saturated; a falling one degrades under load.",
            ChartSpec.Lines($"Throughput against load: {endpoint}", XTitle(a, endpoint), "requests per second",
                lines.Select(l => l.Name).ToArray(), lines.Select(l => l.Points.Select(p => p.Level).ToArray()).ToArray(),
                lines.Select(l => l.Points.Select(p => p.Rps.Mean).ToArray()).ToArray(),
                lines.Select(l => l.Points.Select(p => p.Rps.High - p.Rps.Mean).ToArray()).ToArray(),
                lines.Select(l => l.Points.Select(p => Down(p.Rps)).ToArray()).ToArray(), logX: true));
    }

    /// <summary>Latency against throughput.</summary>
    public static NamedChart? LatencyVsThroughput(RunAnalysis a)
    {
        var endpoint = a.SweepEndpoint();
        if (endpoint is null) return null;
        var lines = Sweep(a, endpoint);
        if (lines.Count == 0) return null;
        return new("latency-vs-throughput", "Latency against throughput",
            $"{endpoint}: p99 latency against req/s across the load levels. Where a line turns upward, the stack has saturated: more load only adds waiting.",
            ChartSpec.Lines($"p99 latency against throughput: {endpoint}", "requests per second", "p99 latency (ms)",
                lines.Select(l => l.Name).ToArray(), lines.Select(l => l.Points.Select(p => p.Rps.Mean).ToArray()).ToArray(),
                lines.Select(l => l.Points.Select(p => p.P99Ms).ToArray()).ToArray(), logY: true));
    }

    /// <summary>Server CPU over time.</summary>
    public static NamedChart? CpuOverTime(RunAnalysis a) => OverTime(a, "cpu-over-time", "Server CPU over time", "CPU (% of one core)",
        s => s.CpuPercent, "The whole server process tree (master and workers), first repetition, warm-up included (it starts at 0 s). 100% = one core.");

    /// <summary>Server memory (PSS) over time.</summary>
    public static NamedChart? PssOverTime(RunAnalysis a) => OverTime(a, "pss-over-time", "Server memory (PSS) over time", "PSS (MB)",
        s => s.PssBytes / 1e6, "Proportional set size of the whole tree: pages that forked workers share are counted once, unlike RSS.");

    /// <summary>Requests per second per CPU core.</summary>
    public static NamedChart? EfficiencyPerCore(RunAnalysis a) => Efficiency(a, "efficiency-cpu", "Efficiency: requests per CPU core", "req/s per core", c => c.RpsPerCoreEstimate,
        "Requests served per second for each core the server tree kept busy: how much work each request costs the server.");

    /// <summary>Requests per second per MB.</summary>
    public static NamedChart? EfficiencyPerMb(RunAnalysis a) => Efficiency(a, "efficiency-memory", "Efficiency: requests per MB", "req/s per MB PSS", c => c.RpsPerMbEstimate,
        "Requests per second per MB of the tree's peak PSS.");

    /// <summary>Throughput against workers.</summary>
    public static NamedChart? WorkerSweep(RunAnalysis a)
    {
        var lines = new List<(string Name, double[] X, double[] Y, double[] Plus, double[] Minus)>();
        foreach (var stack in a.Stacks)
        {
            foreach (var group in a.Conditions.Where(c => c.Stack == stack && c.Rps.Length > 0).GroupBy(c => (c.Endpoint, c.Level)))
            {
                var sweep = group.OrderBy(c => c.Workers).ToList();
                if (sweep.Count < 2) continue;
                lines.Add(($"{stack} {group.Key.Endpoint}", sweep.Select(c => (double)c.Workers).ToArray(), sweep.Select(c => c.RpsEstimate.Mean).ToArray(),
                    sweep.Select(c => c.RpsEstimate.High - c.RpsEstimate.Mean).ToArray(), sweep.Select(c => Down(c.RpsEstimate)).ToArray()));
            }
        }
        if (lines.Count == 0) return null;
        return new("worker-sweep", "Throughput against workers",
            $"Pre-fork workers from 1 to {a.Run.Info.Environment.Cores.ToString(System.Globalization.CultureInfo.InvariantCulture)} (the cores here, shared with the load generator).",
            ChartSpec.Lines("Throughput against worker processes", "workers", "requests per second", lines.Select(l => l.Name).ToArray(),
                lines.Select(l => l.X).ToArray(), lines.Select(l => l.Y).ToArray(), lines.Select(l => l.Plus).ToArray(), lines.Select(l => l.Minus).ToArray()));
    }

    private static NamedChart? Efficiency(RunAnalysis a, string id, string title, string unit, Func<ConditionStats, Estimate> f, string caption)
    {
        var endpoint = a.Endpoints.FirstOrDefault(e => a.AtReference(e).Count > 0);
        if (endpoint is null) return null;
        var conditions = a.AtReference(endpoint).Where(c => f(c).Mean > 0).ToList();
        if (conditions.Count == 0) return null;
        return new(id, title, $"{endpoint} at {Level(a, endpoint)}. {caption}",
            ChartSpec.Bars($"{title}: {endpoint} @ {Level(a, endpoint)}", unit, conditions.Select(c => c.Label).ToArray(), [unit],
                [conditions.Select(c => f(c).Mean).ToArray()], [conditions.Select(c => f(c).High - f(c).Mean).ToArray()], [conditions.Select(c => Down(f(c))).ToArray()]));
    }

    private static NamedChart? OverTime(RunAnalysis a, string id, string title, string yTitle, Func<Metrics.ResourceSample, double> f, string caption)
    {
        var endpoint = a.Endpoints.FirstOrDefault(e => a.AtReference(e).Count > 0);
        if (endpoint is null) return null;
        var series = a.AtReference(endpoint)
            .Select(c => (c.Label, Cell: c.Cells.FirstOrDefault(x => x.Resources.Count > 0)))
            .Where(x => x.Cell is not null).ToList();
        if (series.Count == 0) return null;
        return new(id, title, $"{endpoint} at {Level(a, endpoint)}. {caption}",
            ChartSpec.Lines($"{title}: {endpoint} @ {Level(a, endpoint)}", "seconds since the cell started", yTitle, series.Select(s => s.Label).ToArray(),
                series.Select(s => s.Cell!.Resources.Select(r => r.Elapsed.TotalSeconds).ToArray()).ToArray(),
                series.Select(s => s.Cell!.Resources.Select(f).ToArray()).ToArray()));
    }

    private sealed record SweepPoint(double Level, Estimate Rps, double P99Ms);

    private static List<(string Name, List<SweepPoint> Points)> Sweep(RunAnalysis a, string endpoint)
    {
        var lines = new List<(string, List<SweepPoint>)>();
        foreach (var stack in a.Stacks)
        {
            var workers = a.UsualWorkers(stack);
            var points = a.Conditions.Where(c => c.Stack == stack && c.Endpoint == endpoint && c.Workers == workers && c.Rps.Length > 0)
                .OrderBy(c => c.Level).Select(c => new SweepPoint(c.Level, c.RpsEstimate, c.P99Estimate.Mean)).ToList();
            if (points.Count >= 2) lines.Add((workers == 1 ? stack : $"{stack} ×{workers.ToString(System.Globalization.CultureInfo.InvariantCulture)}", points));
        }
        return lines;
    }

    /// <summary>The lower whisker, stopped at zero: a rate or a size is never negative, however wide the interval.</summary>
    private static double Down(Estimate e) => Math.Min(e.Mean - e.Low, Math.Max(0, e.Mean));

    private static string Level(RunAnalysis a, string endpoint)
    {
        var at = a.AtReference(endpoint);
        var c = at.Count > 0 ? at[0] : null;
        return c is null ? "" : new LoadModelLevel(c.Model, c.Level).ToString();
    }

    private static string XTitle(RunAnalysis a, string endpoint)
        => a.Conditions.FirstOrDefault(c => c.Endpoint == endpoint)?.Model == Experiments.LoadModel.ConstantRate ? "target rate (req/s)" : "connections";
}
