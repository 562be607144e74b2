using System.Text.Json;
using PerfNotebooks.Experiments;
using PerfNotebooks.Load;
using PerfNotebooks.Reporting;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Experiments;

/// <summary>A small real plan against real Python servers with the real load engine, end to end.</summary>
public sealed class ExperimentEndToEndSpecs : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact(Timeout = 240_000)]
    public async Task A_small_real_plan_runs_end_to_end_and_every_file_loads_back_equal()
    {
        var marker = Guid.NewGuid().ToString("N");
        var stacks = new[] { "wsgi-gunicorn", "starlette-uvicorn" }
            .Select(n => StackCatalog.Get(n) with { Environment = new Dictionary<string, string> { ["PERFNB_TEST_MARK"] = marker } }).ToArray();
        var plan = new ExperimentPlan
        {
            Name = "e2e",
            Matrices = [new PlanMatrix { Label = "e2e", Stacks = stacks, Endpoints = ["/plaintext"], Levels = [4, 32] }],
            Repetitions = 2,
            Warmup = TimeSpan.FromMilliseconds(300),
            Duration = TimeSpan.FromSeconds(1),
            Cooldown = TimeSpan.FromMilliseconds(100),
        };
        using var session = RunStore.Create(_root.Path, plan, await EnvironmentProbe.CaptureAsync());
        var progress = new List<ExperimentProgress>();
        try
        {
            await new ExperimentRunner(InProcessLoadRunner.Instance).RunAsync(session, new SyncProgress(progress.Add));
        }
        finally
        {
            Assert.Empty(await ProcessTable.WaitGoneAsync(() => ProcessTable.WithEnvironment("PERFNB_TEST_MARK", marker), TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(8, session.Results.Count);
        Assert.Equal(RunStatus.Complete, session.Info.Status);
        // Every cell measured something real; on failure, say which cell and what it held.
        var problems = session.Results.SelectMany(r => new[]
        {
            r.Summary.Requests > 50 ? null : $"{r.Cell.Id}: {r.Summary.Requests} requests",
            r.Server.CpuSeconds > 0 ? null : $"{r.Cell.Id}: server CPU {r.Server.CpuSeconds} s over {r.Resources.Count} samples",
            r.Server.PssMaxBytes > 0 && r.Server.RssMaxBytes >= r.Server.PssMaxBytes ? null : $"{r.Cell.Id}: RSS {r.Server.RssMaxBytes}, PSS {r.Server.PssMaxBytes}",
            r.Server.Processes >= 2 ? null : $"{r.Cell.Id}: {r.Server.Processes} processes (master and workers expected)",
            r.Timeline.Count > 0 ? null : $"{r.Cell.Id}: no timeline",
            r.Resources.Count > 0 ? null : $"{r.Cell.Id}: no resource samples",
            r.Versions is not null ? null : $"{r.Cell.Id}: no versions",
        }).OfType<string>().ToList();
        Assert.Empty(problems);
        Assert.Contains(progress, p => p.Phase == ExperimentPhase.Measuring && p.Load is { CurrentRequestsPerSecond: > 0 });
        Assert.Equal(8, progress.Count(p => p.Phase == ExperimentPhase.CellDone));

        // Every file exists, parses, and loads back equal to what was written.
        foreach (var f in new[] { RunFiles.RunJson, RunFiles.Results, RunFiles.Timeline, RunFiles.Resources })
            Assert.True(File.Exists(Path.Combine(session.Directory, f)), f);
        var loaded = RunStore.Load(session.Directory);
        Assert.Equal(Json(session.Info), Json(loaded.Info));
        Assert.Equal(session.Results.Count, loaded.Results.Count);
        for (var i = 0; i < loaded.Results.Count; i++)
        {
            var w = session.Results[i];
            var r = loaded.Results[i];
            Assert.Equal(Json(w with { Corrected = null, Uncorrected = null }), Json(r with { Corrected = null, Uncorrected = null }));
            Assert.Equal(w.Corrected!.TotalCount, r.Corrected!.TotalCount);
            Assert.Equal(w.Corrected.GetValueAtPercentile(99), r.Corrected.GetValueAtPercentile(99));
            Assert.Equal(w.Uncorrected!.TotalCount, r.Uncorrected!.TotalCount);
        }
        var report = HtmlReport.Write(loaded);
        Assert.True(new FileInfo(report).Length > 3_000_000);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, RunJson.Options);

    private sealed class SyncProgress(Action<ExperimentProgress> action) : IProgress<ExperimentProgress>
    {
        private readonly Lock _gate = new();

        public void Report(ExperimentProgress value)
        {
            lock (_gate) action(value);
        }
    }
}
