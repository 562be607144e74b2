using System.Net;
using System.Net.Sockets;
using PerfNotebooks.Core.Tests.Servers;
using PerfNotebooks.Experiments;
using PerfNotebooks.Load;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Experiments;

/// <summary>
/// Servers that fail in every way a comparison meets, with real Python processes: each failure is one line
/// naming the stack and the cause, the run goes on with the next cell, the failed cell is stored with its
/// reason, and a resume retries it.
/// </summary>
public sealed class ServerFaultSpecs : IDisposable
{
    private readonly TempFolder _root = new();
    private readonly string _mark = Guid.NewGuid().ToString("N");

    public void Dispose() => _root.Dispose();

    [Fact(Timeout = 180_000)]
    public async Task A_missing_python_module_fails_its_cell_with_the_traceback_s_last_line_and_resume_retries_it()
    {
        var app = Directory.CreateDirectory(Path.Combine(_root.Path, "app")).FullName;
        var gunicorn = TestStacks.Custom("my-app", "{python}", "-m", "gunicorn", "--workers", "1", "-b", "{host}:{port}", "faultapp:app");
        var custom = Marked(gunicorn with { WorkingDirectory = app });
        var plan = Plan([custom, Marked(StackCatalog.Get("wsgi-gunicorn") with { Workers = 1 })]);
        var session = RunStore.Create(_root.Path, plan, SyntheticRun.Environment());
        var finished = new List<CellResult>();
        using var closing = session;

        await RunAsync(session, p => { if (p.Finished is { } f) finished.Add(f); });

        var failed = Assert.Single(session.Results, r => r.Failed);
        Assert.Equal("my-app", failed.Cell.Stack.Name);
        Assert.Contains(CellFlags.StartFailed, failed.Flags);
        Assert.StartsWith("stack my-app: ", failed.Reason);
        Assert.Contains("ModuleNotFoundError: No module named 'faultapp'", failed.Reason);
        Assert.DoesNotContain('\n', failed.Reason);
        var good = Assert.Single(session.Results, r => !r.Failed);
        Assert.True(good.Summary.Requests > 0, good.Note);
        Assert.Equal(2, finished.Count);
        Assert.Equal(RunStatus.Incomplete, session.Info.Status);
        Assert.Equal([failed.Cell.Id], session.PendingCells().Select(c => c.Id));

        // Stored with its reason: a reload sees the same failure, and a resume retries that cell only.
        var stored = RunStore.Load(session.Directory);
        Assert.Equal(failed.Reason, Assert.Single(stored.Results, r => r.Failed).Reason);
        Assert.Equal([failed.Cell.Id], stored.PendingCells().Select(c => c.Id));
        Assert.Equal(RunStatus.Incomplete, RunStore.List(_root.Path).Single().Status);
        Assert.Equal((1, 1), (RunStore.List(_root.Path).Single().CellsDone, RunStore.List(_root.Path).Single().CellsFailed));

        await File.WriteAllTextAsync(Path.Combine(app, "faultapp.py"), """
            def app(environ, start_response):
                start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "13")])
                return [b"Hello, World!"]
            """);
        session.Dispose(); // lets go of the run, as the process that measured it would by ending
        using var resumed = RunStore.Resume(session.Id, _root.Path);
        Assert.Equal([failed.Cell.Id], resumed.PendingCells().Select(c => c.Id));
        await RunAsync(resumed, _ => { });

        var after = RunStore.Load(session.Directory);
        Assert.Equal(2, after.Results.Count);
        Assert.All(after.Results, r => Assert.False(r.Failed, r.Note));
        Assert.True(after.Results.Single(r => r.Cell.Stack.Name == "my-app").Summary.Requests > 0);
        Assert.Equal(RunStatus.Complete, after.Info.Status);
        Assert.Empty(after.PendingCells());
        await MarkedProcesses.AssertGoneAsync(_mark);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_server_that_never_gets_ready_fails_its_cell_naming_the_wait_and_the_next_cell_is_measured()
    {
        var sleeper = Marked(TestStacks.Custom("sleeper", "{python}", "-c", "import time; time.sleep(600)") with { ReadyTimeout = TimeSpan.FromSeconds(2) });
        var session = await RunPlanAsync(sleeper, Marked(StackCatalog.Get("wsgi-gunicorn") with { Workers = 1 }));

        var failed = Assert.Single(session.Results, r => r.Failed);
        Assert.StartsWith("stack sleeper: ", failed.Reason);
        Assert.Contains("not ready after 2 s", failed.Reason);
        Assert.True(session.Results.Single(r => !r.Failed).Summary.Requests > 0);
        await MarkedProcesses.AssertGoneAsync(_mark);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_port_taken_by_another_process_fails_its_cell_naming_the_port()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var pinned = Marked(StackCatalog.Get("wsgi-gunicorn") with { Name = "pinned", Workers = 1, Port = port });
        var session = await RunPlanAsync(pinned, Marked(StackCatalog.Get("wsgi-gunicorn") with { Workers = 1 }));

        var failed = Assert.Single(session.Results, r => r.Failed);
        Assert.StartsWith("stack pinned: ", failed.Reason);
        Assert.Contains($"port {port} on 127.0.0.1 is in use", failed.Reason);
        Assert.True(session.Results.Single(r => !r.Failed).Summary.Requests > 0);
        await MarkedProcesses.AssertGoneAsync(_mark);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_worker_killed_mid_cell_fails_that_cell_and_the_next_cell_is_measured()
    {
        var killed = 0;
        var session = await RunPlanAsync(reps: 2, onProgress: p =>
        {
            if (p.Load is { WarmingUp: false } && killed == 0)
            {
                var (leader, workers) = ServerTree();
                Assert.True(workers.Count >= 2, $"leader {leader}, workers {string.Join(",", workers)}");
                killed = workers[0];
                Posix.Kill(killed, Posix.SIGKILL);
            }
        }, stacks: Marked(StackCatalog.Get("wsgi-gunicorn") with { Workers = 2 }));

        Assert.NotEqual(0, killed);
        var first = session.Results.Single(r => r.Cell.Repetition == 1);
        Assert.True(first.Failed, first.Note);
        Assert.Contains(CellFlags.WorkerDied, first.Flags);
        Assert.StartsWith("stack wsgi-gunicorn: ", first.Reason);
        Assert.Contains($"worker process {killed} exited during the cell", first.Reason);
        var second = session.Results.Single(r => r.Cell.Repetition == 2);
        Assert.False(second.Failed, second.Note);
        Assert.True(second.Summary.Requests > 0);
        Assert.Equal(RunStatus.Incomplete, session.Info.Status);
        await MarkedProcesses.AssertGoneAsync(_mark);
    }

    [Fact(Timeout = 180_000)]
    public async Task The_master_killed_mid_cell_fails_that_cell_and_the_next_cell_gets_a_fresh_server()
    {
        var killed = 0;
        var session = await RunPlanAsync(reps: 2, onProgress: p =>
        {
            if (p.Load is { WarmingUp: false } && killed == 0)
            {
                killed = ServerTree().Leader;
                Posix.Kill(killed, Posix.SIGKILL);
            }
        }, stacks: Marked(StackCatalog.Get("wsgi-gunicorn") with { Workers = 2 }));

        Assert.NotEqual(0, killed);
        var first = session.Results.Single(r => r.Cell.Repetition == 1);
        Assert.True(first.Failed, first.Note);
        Assert.Contains(CellFlags.ServerDied, first.Flags);
        Assert.StartsWith("stack wsgi-gunicorn: ", first.Reason);
        Assert.Contains($"the server (PID {killed}) exited during the cell", first.Reason);
        var second = session.Results.Single(r => r.Cell.Repetition == 2);
        Assert.False(second.Failed, second.Note);
        Assert.True(second.Summary.Requests > 0);
        await MarkedProcesses.AssertGoneAsync(_mark);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_load_run_that_fails_fails_its_cell_with_the_reason_and_the_run_goes_on()
    {
        var calls = 0;
        var runner = new LoadRunnerOf((spec, progress, token) => Interlocked.Increment(ref calls) == 1
            ? throw new PerfNotebooksException("the load generator exited with code 134")
            : InProcessLoadRunner.Instance.RunAsync(spec, progress, token));
        var plan = Plan([Marked(StackCatalog.Get("wsgi-gunicorn") with { Workers = 1 })], reps: 2);
        using var session = RunStore.Create(_root.Path, plan, SyntheticRun.Environment());
        await new ExperimentRunner(runner).RunAsync(session);

        var first = session.Results.Single(r => r.Cell.Repetition == 1);
        Assert.True(first.Failed);
        Assert.Contains(CellFlags.LoadFailed, first.Flags);
        Assert.Equal("stack wsgi-gunicorn: the load generator exited with code 134", first.Reason);
        Assert.False(session.Results.Single(r => r.Cell.Repetition == 2).Failed);
        await MarkedProcesses.AssertGoneAsync(_mark);
    }

    private StackSpec Marked(StackSpec spec)
        => spec with { Environment = new Dictionary<string, string>(spec.Environment) { ["PERFNB_TEST_MARK"] = _mark } };

    private static ExperimentPlan Plan(StackSpec[] stacks, int reps = 1) => new()
    {
        Name = "faults",
        Matrices = [new PlanMatrix { Label = "faults", Stacks = stacks, Endpoints = ["/plaintext"], Levels = [4] }],
        Repetitions = reps,
        Warmup = TimeSpan.FromMilliseconds(300),
        Duration = TimeSpan.FromSeconds(2),
        Cooldown = TimeSpan.Zero,
    };

    private Task<RunSession> RunPlanAsync(params StackSpec[] stacks) => RunPlanAsync(1, null, stacks);

    private async Task<RunSession> RunPlanAsync(int reps, Action<ExperimentProgress>? onProgress, params StackSpec[] stacks)
    {
        using var session = RunStore.Create(_root.Path, Plan(stacks, reps), SyntheticRun.Environment());
        await RunAsync(session, onProgress ?? (_ => { }));
        return session;
    }

    private static Task RunAsync(RunSession session, Action<ExperimentProgress> onProgress)
        => new ExperimentRunner(InProcessLoadRunner.Instance).RunAsync(session, new Synchronous(onProgress));

    /// <summary>The marked server's leader (it leads its session) and its other processes.</summary>
    private (int Leader, List<int> Workers) ServerTree()
    {
        var pids = MarkedProcesses.Find(_mark);
        var leader = pids.Single(p => ProcStat.Read(p) is { } s && s.Session == p);
        return (leader, pids.Where(p => p != leader).Order().ToList());
    }

    private sealed class Synchronous(Action<ExperimentProgress> action) : IProgress<ExperimentProgress>
    {
        private readonly Lock _gate = new();

        public void Report(ExperimentProgress value)
        {
            lock (_gate) action(value);
        }
    }
}
