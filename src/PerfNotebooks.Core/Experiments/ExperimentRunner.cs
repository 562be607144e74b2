using System.Diagnostics;
using System.Globalization;
using PerfNotebooks.Backends;
using PerfNotebooks.Hosts;
using PerfNotebooks.Load;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Measures a run's pending cells one after another: starts each cell's server on the server site (this
/// machine or a host), or reuses it across levels when the plan says so, samples its process tree, drives
/// the load through the load site (this machine's <see cref="ILoadRunner"/>, or load hosts), stops the
/// server, and stores the cell before the next one. A server that will not start, a server or worker that
/// dies, or a load run that fails makes a failed cell, stored with its reason (<see cref="CellResult.Reason"/>);
/// the run goes on with the next cell, and a resume retries the failed ones. A generator that saturates is
/// kept as a flagged cell. Cancellation stops cleanly: the cell in progress is discarded (so a resume
/// measures it once, whole), the server is stopped, and the run is marked interrupted. A host lost during a
/// cell stores that cell as failed (<see cref="CellFlags.HostLost"/>, the host named), stops the servers and
/// generators still reachable, marks the run interrupted and throws <see cref="CellHostLostException"/>: the
/// cells after it would need the lost host too.
/// </summary>
public sealed class ExperimentRunner(IServerSite servers, ILoadSite load)
{
    /// <summary>Servers and load on this machine, the load through <paramref name="loadRunner"/>.</summary>
    public ExperimentRunner(ILoadRunner loadRunner) : this(LocalServerSite.Instance, new LocalLoadSite(loadRunner))
    {
    }

    /// <summary>How often the server's process tree is sampled.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Share of failed requests above which a cell is flagged <see cref="CellFlags.Errors"/>.</summary>
    public double ErrorFlagThreshold { get; init; } = 0.01;

    /// <summary>Measures every cell of <paramref name="session"/> not measured yet, storing each as it ends; cancellation stops at once and keeps what is stored.</summary>
    public async Task RunAsync(RunSession session, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var plan = session.Info.Plan;
        var pending = session.PendingCells();
        var clock = Stopwatch.StartNew();
        var perCell = (plan.Warmup + plan.Duration + plan.Cooldown).TotalSeconds + 0.5;
        IServedStack? server = null;
        string? serverKey = null;
        // The generator (this process) on its own CPU for the whole run; each server on the others.
        using var pinned = plan.Placement is { } placement ? ProcessAffinity.Pin(placement.GeneratorCpus) : null;
        RunningDatabase? database = null;
        try
        {
            // The database starts on this machine: a server on another host could not reach it.
            if (servers is SshServerSite && plan.DatabaseToStart is { } kind)
                throw new PerfNotebooksException($"the plan needs a {kind.ToString().ToLowerInvariant()} database, which starts on this machine where a server host cannot reach it; run the database endpoints with the server on this machine.");
            // One database for the run's servers (the realistic workloads), started first, stopped last.
            database = await RunDatabase.StartAsync(session, pending, cancellationToken).ConfigureAwait(false);
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
                        var stack = database?.Apply(cell.Stack) ?? cell.Stack;
                        server = await servers.StartAsync(plan.Placement?.ForServer(stack) ?? stack, cancellationToken).ConfigureAwait(false);
                        serverKey = key;
                    }
                    catch (HostException e) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw HostLost(session, cell, e, Report);
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
                catch (HostException e) when (!cancellationToken.IsCancellationRequested)
                {
                    // The server (wherever it is) and the other hosts' generators are stopped on the way out.
                    throw HostLost(session, cell, e, Report);
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
            if (database is not null) await database.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stores the cell as failed with the lost host named, and makes the exception that ends the run.</summary>
    private static CellHostLostException HostLost(RunSession session, PlanCell cell, HostException e, Action<ExperimentPhase, LoadProgress?, CellResult?> report)
    {
        var failed = FailedCell.Create(cell, CellFlags.HostLost, FailedCell.NoteFor(cell, e));
        session.Append(failed);
        report(ExperimentPhase.CellDone, null, failed);
        return new CellHostLostException(cell, e);
    }

    private async Task<CellResult> MeasureAsync(IServedStack server, PlanCell cell, ExperimentPlan plan, Action<ExperimentPhase, LoadProgress?> report, CancellationToken cancellationToken)
    {
        var spec = CellLoad.Spec(cell, server.BaseUrl, plan);
        var startedAt = DateTimeOffset.UtcNow;
        report(plan.WarmupOf(cell) > TimeSpan.Zero ? ExperimentPhase.WarmingUp : ExperimentPhase.Measuring, null);
        var loadProgress = new Progress<LoadProgress>(p => report(p.WarmingUp ? ExperimentPhase.WarmingUp : ExperimentPhase.Measuring, p));
        SiteLoadResult measured;
        IReadOnlyList<ResourceSample> samples;
        // A worker that dies mid-cell is replaced by most servers within a second: only its PID tells.
        var processesBefore = server.ProcessIds();
        var watch = server.WatchResources(SampleInterval);
        try
        {
            measured = await load.RunAsync(spec, loadProgress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            samples = await watch.StopAsync().ConfigureAwait(false);
        }
        // A server host lost while the load ran: the load may have finished against nothing. Not a result.
        if (server.Lost is { } hostLost) throw hostLost;
        var result = Describe(server, cell, plan, measured.Merged, startedAt, processesBefore, samples) with
        {
            Resources = samples,
            Corrected = measured.Merged.Corrected,
            Uncorrected = measured.Merged.Uncorrected,
        };
        // Each load host's own share, kept beside the merged row (no series or histograms of their own).
        return result with
        {
            PerHost = [.. measured.PerHost.Select(h => HostRow(Describe(null, cell, plan, h.Result, startedAt, [], samples), h))],
        };
    }

    /// <summary>A load host's row: its address, no series of its own, and a late start said when there was one.</summary>
    private static CellResult HostRow(CellResult row, HostLoadResult host)
    {
        var late = host.StartSkew.Duration() > TimeSpan.FromMilliseconds(100)
            ? string.Create(CultureInfo.InvariantCulture, $"started {host.StartSkew.TotalMilliseconds:0} ms from the common start")
            : "";
        return row with { Host = host.Host.ToString(), Timeline = [], Note = row.Note.Length > 0 ? row.Note : late };
    }

    /// <summary>A cell's row from one load result, with the flags and note it calls for (the server's, when given).</summary>
    private CellResult Describe(IServedStack? server, PlanCell cell, ExperimentPlan plan, LoadResult load, DateTimeOffset startedAt,
        IReadOnlyList<int> processesBefore, IReadOnlyList<ResourceSample> samples)
    {
        var flags = new List<string>();
        var note = "";
        var lost = server is null || server.HasExited ? [] : processesBefore.Except(server.ProcessIds()).Order().ToList();
        if (server is { HasExited: true })
        {
            flags.Add(CellFlags.ServerDied);
            note = FailedCell.Note(cell, $"the server (PID {server.Pid.ToString(CultureInfo.InvariantCulture)}) exited during the cell{FailedCell.ExitText(server.ExitCode)}",
                "last output:\n" + SafeTail(server));
        }
        else if (server is not null && lost.Count > 0)
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

        var versions = server?.Versions;

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
        };
    }

    private static string SafeTail(IServedStack server) => server.OutputTail(20);
}
