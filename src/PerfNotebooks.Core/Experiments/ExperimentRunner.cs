using System.Diagnostics;
using System.Globalization;
using System.Text;
using PerfNotebooks.Load;
using PerfNotebooks.Metrics;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Measures a run's pending cells one after another: starts each cell's server (or reuses it across
/// levels when the plan says so), samples its process tree, drives the load through the injected
/// <see cref="ILoadRunner"/>, stops the server, and stores the cell before the next one. A server that
/// will not start, a server or worker that dies, or a load run that fails makes a failed cell, stored
/// with its reason (<see cref="CellResult.Reason"/>); the run goes on with the next cell, and a resume
/// retries the failed ones. A generator that saturates is kept as a flagged cell. Cancellation stops
/// cleanly: the cell in progress is discarded (so a resume measures it once, whole), the server is
/// stopped, and the run is marked interrupted.
/// </summary>
public sealed class ExperimentRunner(ILoadRunner loadRunner)
{
    /// <summary>How often the server's process tree is sampled.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Share of failed requests above which a cell is flagged <see cref="CellFlags.Errors"/>.</summary>
    public double ErrorFlagThreshold { get; init; } = 0.01;

    public async Task RunAsync(RunSession session, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var plan = session.Info.Plan;
        var pending = session.PendingCells();
        var clock = Stopwatch.StartNew();
        var perCell = (plan.Warmup + plan.Duration + plan.Cooldown).TotalSeconds + 0.5;
        RunningServer? server = null;
        string? serverKey = null;
        // The generator (this process) on its own CPU for the whole run; each server on the others.
        using var pinned = plan.Placement is { } placement ? ProcessAffinity.Pin(placement.GeneratorCpus) : null;
        try
        {
            for (var i = 0; i < pending.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cell = pending[i];
                var number = i + 1;
                TimeSpan Remaining(bool cellDone)
                {
                    var done = i + (cellDone ? 1 : 0);
                    var perCellSoFar = done > 0 ? clock.Elapsed.TotalSeconds / done : perCell;
                    return TimeSpan.FromSeconds(perCellSoFar * (pending.Count - done));
                }
                void Report(ExperimentPhase phase, LoadProgress? load = null, CellResult? finished = null)
                    => progress?.Report(new ExperimentProgress(number, pending.Count, cell, phase, load, clock.Elapsed, Remaining(phase == ExperimentPhase.CellDone), finished));

                var key = plan.ServerKey(cell, plan.MatrixOf(cell));
                if (server is not null && (key != serverKey || server.HasExited))
                {
                    await server.DisposeAsync().ConfigureAwait(false);
                    server = null;
                }
                if (server is null)
                {
                    Report(ExperimentPhase.StartingServer);
                    try
                    {
                        server = await ServerLauncher.StartAsync(plan.Placement?.ForServer(cell.Stack) ?? cell.Stack, cancellationToken).ConfigureAwait(false);
                        serverKey = key;
                    }
                    catch (PerfNotebooksException e) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Stored as failed with its reason; the run goes on, and a resume tries the cell again.
                        var failed = FailedCell.Create(cell, CellFlags.StartFailed, FailedCell.NoteFor(cell, e));
                        session.Append(failed);
                        Report(ExperimentPhase.CellDone, finished: failed);
                        continue;
                    }
                }

                CellResult result;
                try
                {
                    result = await MeasureAsync(server, cell, plan, (phase, load) => Report(phase, load), cancellationToken).ConfigureAwait(false);
                }
                catch (PerfNotebooksException e) when (!cancellationToken.IsCancellationRequested)
                {
                    result = FailedCell.Create(cell, CellFlags.LoadFailed, FailedCell.NoteFor(cell, e));
                }
                // A cell cut short by Ctrl-C is not stored: a resume measures it again, whole, once.
                cancellationToken.ThrowIfCancellationRequested();
                session.Append(result);
                Report(ExperimentPhase.CellDone, finished: result);
                if (plan.Cooldown > TimeSpan.Zero && i + 1 < pending.Count)
                {
                    Report(ExperimentPhase.CoolingDown);
                    await Task.Delay(plan.Cooldown, cancellationToken).ConfigureAwait(false);
                }
            }
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
                server = null;
            }
            // Every pending cell was tried: what is still pending failed.
            session.SetStatus(session.PendingCells().Count == 0 ? RunStatus.Complete : RunStatus.Incomplete);
        }
        catch
        {
            try
            {
                session.SetStatus(RunStatus.Interrupted);
            }
            catch (PerfNotebooksException)
            {
                // The full disk that failed the cell fails this write too: the first error is the one to tell.
                // run.json then still says running, and readers see the lock's owner is gone: interrupted.
            }
            throw;
        }
        finally
        {
            if (server is not null) await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<CellResult> MeasureAsync(RunningServer server, PlanCell cell, ExperimentPlan plan, Action<ExperimentPhase, LoadProgress?> report, CancellationToken cancellationToken)
    {
        var isEcho = cell.Endpoint.Split('?', 2)[0] == "/echo";
        var spec = new LoadSpec
        {
            Url = new Uri(server.BaseUrl, cell.Endpoint),
            Connections = cell.Connections,
            Rate = cell.Rate,
            Duration = plan.DurationOf(cell),
            Warmup = plan.WarmupOf(cell),
            Timeout = plan.TimeoutOf(cell),
            Method = isEcho ? "POST" : "GET",
            Body = isEcho ? Encoding.ASCII.GetBytes(new string('x', 64)) : null,
        };
        var startedAt = DateTimeOffset.UtcNow;
        report(plan.WarmupOf(cell) > TimeSpan.Zero ? ExperimentPhase.WarmingUp : ExperimentPhase.Measuring, null);
        var loadProgress = new Progress<LoadProgress>(p => report(p.WarmingUp ? ExperimentPhase.WarmingUp : ExperimentPhase.Measuring, p));
        LoadResult load;
        IReadOnlyList<ResourceSample> samples;
        // A worker that dies mid-cell is replaced by most servers within a second: only its PID tells.
        var processesBefore = server.ProcessIds();
        var sampler = ProcessTreeSampler.Start(server.Pid, SampleInterval);
        try
        {
            load = await loadRunner.RunAsync(spec, loadProgress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            samples = [.. sampler.Samples];
            await sampler.DisposeAsync().ConfigureAwait(false);
        }

        var flags = new List<string>();
        var note = "";
        var lost = server.HasExited ? [] : processesBefore.Except(server.ProcessIds()).Order().ToList();
        if (server.HasExited)
        {
            flags.Add(CellFlags.ServerDied);
            note = FailedCell.Note(cell, $"the server (PID {server.Pid.ToString(CultureInfo.InvariantCulture)}) exited during the cell{FailedCell.ExitText(server.ExitCode)}",
                "last output:\n" + SafeTail(server));
        }
        else if (lost.Count > 0)
        {
            flags.Add(CellFlags.WorkerDied);
            var pids = string.Join(", ", lost.Select(p => p.ToString(CultureInfo.InvariantCulture)));
            var said = FailedCell.ServerLineAbout(server.OutputLines(50), lost);
            note = FailedCell.Note(cell, $"worker process{(lost.Count > 1 ? "es" : "")} {pids} exited during the cell{(said is null ? " (the server lived on)" : $"; the server said: {said}")}",
                "last output:\n" + SafeTail(server));
        }
        if (load.Client.Saturated) flags.Add(CellFlags.ClientSaturated);
        if (load.MissedTargetRate) flags.Add(CellFlags.RateMissed);
        if (load.Summary.Requests == 0)
        {
            flags.Add(CellFlags.NoRequests);
            if (note.Length == 0) note = FailedCell.Note(cell, $"not one request completed{FailedCell.ErrorText(load.Errors)}");
        }
        else if (load.ErrorRate > ErrorFlagThreshold) flags.Add(CellFlags.Errors);
        if (note.Length == 0 && load.Client.Saturated && load.Client.SaturationReason is { } reason) note = reason;
        if (note.Length == 0 && load.MissedTargetRateText is { } missed) note = missed;

        ServerVersions? versions = null;
        try { versions = server.Versions; }
        catch (Exception e) when (e is PerfNotebooksException or InvalidOperationException) { }

        return new CellResult
        {
            Cell = cell,
            StartedAt = load.StartedAt == default ? startedAt : load.StartedAt,
            Summary = load.Summary,
            Errors = load.Errors,
            Client = load.Client,
            Reconnects = load.Reconnects,
            Server = ServerUsage.FromSamples(samples, plan.WarmupOf(cell)),
            Versions = versions,
            Flags = flags,
            Note = note,
            Timeline = load.Timeline,
            Resources = samples,
            Corrected = load.Corrected,
            Uncorrected = load.Uncorrected,
        };
    }

    private static string SafeTail(RunningServer server)
    {
        try { return server.OutputTail(20); }
        catch (Exception e) when (e is InvalidOperationException or IOException) { return ""; }
    }
}
