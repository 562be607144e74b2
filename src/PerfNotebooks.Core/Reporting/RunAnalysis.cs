using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// Statistics of a run, computed once (BenchmarkDotNet's way: raw measurements in, an immutable summary
/// out): one <see cref="ConditionStats"/> per condition, and the lookups the verdicts, claims and charts use.
/// </summary>
public sealed class RunAnalysis
{
    private RunAnalysis(RunRecord run, IReadOnlyList<ConditionStats> conditions)
    {
        Run = run;
        Conditions = conditions;
    }

    /// <summary>The run analysed.</summary>
    public RunRecord Run { get; }
    /// <summary>Its conditions over their repetitions.</summary>
    public IReadOnlyList<ConditionStats> Conditions { get; }

    /// <summary>Analyses <paramref name="run"/>: one <see cref="ConditionStats"/> per condition.</summary>
    public static RunAnalysis Of(RunRecord run)
    {
        var conditions = run.Results
            .GroupBy(r => r.Cell.ConditionId, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First().Cell;
                var measured = g.Where(r => r.Measured && r.Summary.Requests > 0).OrderBy(r => r.Cell.Repetition).ToList();
                return new ConditionStats
                {
                    Stack = first.Stack.Name,
                    App = first.Stack.App,
                    Server = first.Stack.Server,
                    WorkerClass = first.Stack.WorkerClass,
                    Workers = first.Workers,
                    Endpoint = first.Endpoint,
                    Model = first.Model,
                    Level = first.Level,
                    Matrix = first.Matrix,
                    Profile = first.Profile,
                    Cells = measured,
                    StartFailures = g.Count(r => !r.Measured),
                    Unusable = g.Where(r => !(r.Measured && r.Summary.Requests > 0)).OrderBy(r => r.Cell.Repetition).ToList(),
                    RpsWindows = measured.Select(r => (IReadOnlyList<double>)FullSeconds(r).Select(t => (double)t.Requests).ToArray()).ToArray(),
                    P99Windows = measured.Select(r => (IReadOnlyList<double>)FullSeconds(r).Where(t => t.Requests > 0).Select(t => t.P99 / 1000.0).ToArray()).ToArray(),
                    Rps = measured.Select(r => r.Summary.RequestsPerSecond).ToArray(),
                    P50Ms = measured.Select(r => r.Summary.Latency.P50 / 1000.0).ToArray(),
                    P99Ms = measured.Select(r => r.Summary.Latency.P99 / 1000.0).ToArray(),
                    CpuPercent = measured.Select(r => r.Server.CpuPercent).ToArray(),
                    PssMb = measured.Select(r => r.Server.PssMaxBytes / 1e6).ToArray(),
                    RpsPerCore = measured.Select(r => r.Server.CpuPercent > 0 ? r.Summary.RequestsPerSecond / (r.Server.CpuPercent / 100) : 0).ToArray(),
                    RpsPerMb = measured.Select(r => r.Server.PssMaxBytes > 0 ? r.Summary.RequestsPerSecond / (r.Server.PssMaxBytes / 1e6) : 0).ToArray(),
                    ErrorRate = measured.Select(r => r.ErrorRate).ToArray(),
                    PssPerConnectionKb = measured.Select(PssPerConnectionKb).ToArray(),
                    CpuSecondsPer1000 = measured.Select(r => r.Summary.Requests > 0 ? r.Server.CpuSeconds * 1000.0 / r.Summary.Requests : double.NaN).ToArray(),
                };
            })
            .OrderBy(c => c.Endpoint, StringComparer.Ordinal).ThenBy(c => c.Stack, StringComparer.Ordinal).ThenBy(c => c.Workers).ThenBy(c => c.Level)
            .ToList();
        return new RunAnalysis(run, conditions);
    }

    /// <summary>
    /// The server's memory per open connection in kB (10^3 bytes): its peak PSS in the measured period over its
    /// PSS when the cell began (the sampler's first sample, before the load connected), per connection.
    /// From an idle server when the block starts one per cell; otherwise it counts only what this cell added.
    /// NaN when unknown.
    /// </summary>
    private static double PssPerConnectionKb(CellResult r)
    {
        if (r.Resources.Count == 0 || r.Cell.Connections < 1 || r.Server.PssMaxBytes <= 0 || r.Resources[0].PssBytes <= 0) return double.NaN;
        return Math.Max(0, r.Server.PssMaxBytes - r.Resources[0].PssBytes) / 1000.0 / r.Cell.Connections;
    }

    /// <summary>The timeline's whole seconds inside the measured window (a last, partial second would look slow).</summary>
    private static IEnumerable<Metrics.TimelineSecond> FullSeconds(CellResult r)
    {
        var whole = (int)Math.Floor(r.Summary.DurationSeconds + 1e-6);
        return r.Timeline.Where(t => t.Second >= 0 && t.Second < whole);
    }

    /// <summary>Endpoints measured, in the order the plan lists them.</summary>
    public IReadOnlyList<string> Endpoints => Run.Info.Plan.Matrices.SelectMany(m => m.Endpoints).Distinct(StringComparer.Ordinal)
        .Where(e => Conditions.Any(c => c.Endpoint == e)).ToList();

    /// <summary>Stacks measured, in the order the plan lists them.</summary>
    public IReadOnlyList<string> Stacks => Run.Info.Plan.Matrices.SelectMany(m => m.Stacks).Select(s => s.Name).Distinct(StringComparer.Ordinal)
        .Where(s => Conditions.Any(c => c.Stack == s)).ToList();

    /// <summary>The worker count a stack was measured with most often: its "as configured" setting.</summary>
    public int UsualWorkers(string stack)
        => Conditions.Where(c => c.Stack == stack).GroupBy(c => c.Workers).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefault(1);

    /// <summary>
    /// For one endpoint, the load level most stacks were measured at (on a tie, the level the plan's
    /// first block lists for it, then the highest): the level at which stacks are compared side by side.
    /// </summary>
    public double? ReferenceLevel(string endpoint)
    {
        var levels = Conditions.Where(c => c.Endpoint == endpoint && c.Workers == UsualWorkers(c.Stack) && c.Rps.Length > 0 && Steady(c, endpoint))
            .GroupBy(c => c.Level).Select(g => (Level: g.Key, Stacks: g.Select(c => c.Stack).Distinct().Count())).ToList();
        if (levels.Count == 0) return null;
        // On a tie, the level of the first plan block that measures this endpoint (the throughput block,
        // not a sweep's extreme); then the highest.
        var planned = Run.Info.Plan.Matrices.FirstOrDefault(m => m.Endpoints.Contains(endpoint))?.Levels ?? [];
        return levels.OrderByDescending(l => l.Stacks).ThenByDescending(l => planned.Contains(l.Level)).ThenByDescending(l => l.Level).First().Level;
    }

    /// <summary>Each stack at its usual worker count at the endpoint's reference level.</summary>
    public IReadOnlyList<ConditionStats> AtReference(string endpoint)
    {
        var level = ReferenceLevel(endpoint);
        if (level is null) return [];
        return Stacks.Select(s => Find(s, endpoint, level.Value, UsualWorkers(s))).OfType<ConditionStats>().Where(c => c.Rps.Length > 0).ToList();
    }

    /// <summary>
    /// Load levels measured for an endpoint at the stacks' usual worker counts, ascending: closed-loop connection
    /// counts when the endpoint has any (a rate block beside them is not one more level of the same sweep),
    /// never a rate profile's peak (a spike is not a steady level).
    /// </summary>
    public IReadOnlyList<double> Levels(string endpoint)
        => Conditions.Where(c => c.Endpoint == endpoint && c.Workers == UsualWorkers(c.Stack) && Steady(c, endpoint)).Select(c => c.Level).Distinct().Order().ToList();

    /// <summary>A steady condition of the endpoint's main load model: no rate profile, and closed loop when the endpoint has any closed-loop condition.</summary>
    private bool Steady(ConditionStats c, string endpoint)
        => c.Profile is null && (c.Model == LoadModel.ClosedLoop || !Conditions.Any(o => o.Endpoint == endpoint && o.Model == LoadModel.ClosedLoop && o.Profile is null));

    /// <summary>The endpoint with the most load levels (the concurrency sweep), or null when no endpoint has two.</summary>
    public string? SweepEndpoint()
        => Endpoints.Select(e => (Endpoint: e, Count: Levels(e).Count)).Where(x => x.Count >= 2)
            // On a tie, the I/O endpoint: concurrency is where waiting requests pile up, the question a sweep asks.
            .OrderByDescending(x => x.Count).ThenByDescending(x => x.Endpoint.StartsWith("/io", StringComparison.Ordinal))
            .Select(x => x.Endpoint).FirstOrDefault();

    /// <summary>A stack's condition at one endpoint, level and worker count; the steady one of the endpoint's main model first (a rate of 32 req/s is not 32 connections).</summary>
    public ConditionStats? Find(string stack, string endpoint, double level, int workers)
        => Conditions.Where(c => c.Stack == stack && c.Endpoint == endpoint && c.Level == level && c.Workers == workers)
            .OrderByDescending(c => Steady(c, endpoint)).FirstOrDefault();

    /// <summary>A stack's conditions at one endpoint and level, one per worker count (the worker sweep).</summary>
    public IReadOnlyList<ConditionStats> WorkerSweep(string stack, string endpoint, double level)
        => Conditions.Where(c => c.Stack == stack && c.Endpoint == endpoint && c.Level == level && c.Rps.Length > 0).OrderBy(c => c.Workers).ToList();
}
