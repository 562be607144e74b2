using HdrHistogram;
using PerfNotebooks.Experiments;
using PerfNotebooks.Metrics;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Testing;

/// <summary>
/// Builds stored runs for the run-store and report tests. This is NOT a measurement: the cells hold
/// real HdrHistogram recordings of known latency values and made-up throughput, so a store or report
/// test can check exact values. The end-to-end tests measure real servers.
/// </summary>
public static class SyntheticRun
{
    public static StackSpec Stack(string name, string app, string server, int workers = 1, string? workerClass = null)
        => new() { Name = name, App = app, Server = server, Workers = workers, WorkerClass = workerClass };

    public static ExperimentPlan Plan(int stacks = 2, double[]? levels = null, int reps = 2, string[]? endpoints = null, string name = "synthetic")
    {
        var all = new[]
        {
            Stack("flask-gunicorn", "flask", "gunicorn", 2, "sync"),
            Stack("starlette-uvicorn", "starlette", "uvicorn"),
            Stack("tornado", "tornado", "tornado"),
            Stack("aiohttp", "aiohttp", "aiohttp"),
            Stack("django-runserver", "django", "runserver"),
            Stack("django-gunicorn", "django", "gunicorn", 2, "sync"),
            Stack("flask-dev", "flask", "werkzeug"),
            Stack("flask-gunicorn-gevent", "flask", "gunicorn", 2, "gevent"),
            Stack("flask-gunicorn-gthread", "flask", "gunicorn", 2, "gthread"),
            Stack("wsgi-gunicorn", "wsgi", "gunicorn", 2, "sync"),
        };
        return new ExperimentPlan
        {
            Name = name,
            Matrices = [new PlanMatrix { Label = "main", Stacks = all.Take(stacks).ToArray(), Endpoints = endpoints ?? ["/plaintext", "/io?ms=10"], Levels = levels ?? [8, 64] }],
            Repetitions = reps,
            Warmup = TimeSpan.FromMilliseconds(300),
            Duration = TimeSpan.FromSeconds(1),
            Cooldown = TimeSpan.Zero,
        };
    }

    public static EnvironmentInfo Environment() => new()
    {
        CpuModel = "Synthetic CPU",
        Cores = 2,
        MemoryBytes = 4_000_000_000,
        Kernel = "6.1.0-test",
        Os = "Debian GNU/Linux 12",
        DotnetVersion = ".NET 10.0.0",
        PythonExecutable = "/usr/bin/python3",
        PythonVersion = "3.11.2",
        Packages = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["flask"] = "2.2.2", ["gunicorn"] = "20.1.0" },
        ToolkitVersion = "test",
        GitCommit = "0123456789abcdef",
        Hostname = "test",
        StartedAt = new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero),
    };

    /// <summary>A cell result whose histogram holds exactly 1000 values: base, 2*base, ..., 1000*base microseconds / 100.</summary>
    public static CellResult Cell(PlanCell cell, int seed = 0)
    {
        var stackFactor = 1 + (cell.Stack.Name.Length % 5);
        var baseUs = 100 * stackFactor + cell.Connections;
        var corrected = new LongHistogram(3_600_000_000L, 3);
        var uncorrected = new LongHistogram(3_600_000_000L, 3);
        for (var i = 1; i <= 1000; i++)
        {
            corrected.RecordValue(baseUs + i * 10);
            uncorrected.RecordValue(baseUs + i * 5);
        }
        var rps = 1000.0 * stackFactor * Math.Log2(cell.Connections + 1) + seed * 13.7 + cell.Repetition * 21.3;
        var p = Percentiles(corrected);
        var started = new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero).AddSeconds(cell.Index * 2);
        return new CellResult
        {
            Cell = cell,
            StartedAt = started,
            Summary = new LoadSummary(1000, 1.0, rps, p, cell.Index % 3 == 0 ? 2 : 0),
            Errors = cell.Index % 3 == 0 ? new ErrorCounts { Read = 1, Status = new Dictionary<int, long> { [503] = 1 } } : ErrorCounts.None,
            Client = new ClientAudit(0.25 + cell.Index / 1000.0, 120, 900, cell.Index == 1, cell.Index == 1 ? "send lag p99 above 1 ms" : null),
            Reconnects = cell.Stack.Server == "gunicorn" ? 1000 : 0,
            Server = new ServerUsage(80.5 + stackFactor, 0.805, 60_000_000 + stackFactor * 1_000_000L, 30_000_000 + stackFactor * 500_000L, 1 + cell.Workers),
            Versions = new ServerVersions("3.11.2", cell.Stack.App + " 1.0", cell.Stack.Server + " 2.0"),
            Flags = cell.Index == 1 ? [CellFlags.ClientSaturated] : [],
            Note = cell.Index == 1 ? "generator saturated <script>alert('x')</script> & \"quoted\", with a comma\nand a newline" : "",
            Timeline = [new TimelineSecond(0, 500, 1, baseUs + 5000, baseUs + 9900), new TimelineSecond(1, 500, 1, baseUs + 5000, baseUs + 9900)],
            Resources =
            [
                new ResourceSample(TimeSpan.FromMilliseconds(250), 0.1, 0.05, 60.25, 60_000_000, 30_000_000, 1 + cell.Workers),
                new ResourceSample(TimeSpan.FromMilliseconds(500.1234567), 0.2, 0.1, 70.125, 61_000_000, 30_500_000, 1 + cell.Workers),
                new ResourceSample(TimeSpan.FromMilliseconds(750), 0.3, 0.15, 80.0 / 3, 62_000_000, 31_000_000, 1 + cell.Workers),
            ],
            Corrected = corrected,
            Uncorrected = uncorrected,
        };
    }

    /// <summary>
    /// A cell the size of a real one, for benchmarks of the store and the report: two histograms of 20,000 random values,
    /// a 5-second timeline and 24 resource samples. Made-up numbers, not a measurement.
    /// </summary>
    public static CellResult RealSizedCell(PlanCell cell, Random random)
    {
        var corrected = new LongHistogram(3_600_000_000L, 3);
        var uncorrected = new LongHistogram(3_600_000_000L, 3);
        for (var i = 0; i < 20_000; i++)
        {
            var v = (long)(200 + random.NextDouble() * random.NextDouble() * 50_000);
            corrected.RecordValue(v);
            uncorrected.RecordValue(Math.Max(1, v - random.Next(100)));
        }
        return Cell(cell) with
        {
            StartedAt = DateTimeOffset.UtcNow,
            Summary = new LoadSummary(20_000, 5, 4_000 + random.Next(1000), Percentiles(corrected), 0),
            Errors = ErrorCounts.None,
            Client = new ClientAudit(0.5, 100, 900, false, null),
            Reconnects = 0,
            Flags = [],
            Note = "",
            Server = new ServerUsage(95, 4.75, 80_000_000, 40_000_000, 3),
            Timeline = [.. Enumerable.Range(0, 5).Select(s => new TimelineSecond(s, 4000, 0, 1000, 9000))],
            Resources = [.. Enumerable.Range(1, 24).Select(i => new ResourceSample(TimeSpan.FromMilliseconds(250 * i), 0.1 * i, 0.05 * i, 95, 80_000_000, 40_000_000, 3))],
            Corrected = corrected,
            Uncorrected = uncorrected,
        };
    }

    private static LatencyPercentiles Percentiles(LongHistogram h) => new(h.GetMean(), h.GetValueAtPercentile(50), h.GetValueAtPercentile(75),
        h.GetValueAtPercentile(90), h.GetValueAtPercentile(99), h.GetValueAtPercentile(99.9), h.GetMaxValue());

    /// <summary>Creates a run folder under <paramref name="root"/> and stores every cell of the plan (or the first
    /// <paramref name="cells"/>); the session returned has let go of the folder's lock (it can be read, not written).</summary>
    public static RunSession Store(string root, ExperimentPlan? plan = null, int? cells = null, bool complete = true)
    {
        plan ??= Plan();
        using var session = RunStore.Create(root, plan, Environment());
        foreach (var cell in plan.Cells().Take(cells ?? int.MaxValue)) session.Append(Cell(cell));
        if (complete) session.SetStatus(session.PendingCells().Count == 0 ? RunStatus.Complete : RunStatus.Interrupted);
        return session;
    }
}
