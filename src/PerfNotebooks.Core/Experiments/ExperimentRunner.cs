using System.Diagnostics;
using System.Text;
using PerfNotebooks.Hosts;
using PerfNotebooks.Load;
using PerfNotebooks.Metrics;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Measures a run's pending cells one after another: starts each cell's server on the server site (this
/// machine or a host), or reuses it across levels when the plan says so, samples its process tree, drives
/// the load through the load site (this machine's <see cref="ILoadRunner"/>, or load hosts), stops the
/// server, and stores the cell before the next one. A server that will not start, dies, or a generator that
/// saturates is kept as a flagged cell. Cancellation stops cleanly: the cell in progress is discarded (so a
/// resume measures it once, whole), the server is stopped, and the run is marked interrupted. A host lost
/// during a cell does the same and fails with <see cref="CellHostLostException"/> naming it.
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

    public async Task RunAsync(RunSession session, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var plan = session.Info.Plan;
        var pending = session.PendingCells();
        var clock = Stopwatch.StartNew();
        var perCell = (plan.Warmup + plan.Duration + plan.Cooldown).TotalSeconds + 0.5;
        IServedStack? server = null;
        string? serverKey = null;
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

                var key = plan.ReuseServerAcrossLevels ? $"{cell.Repetition}|{cell.Matrix}|{cell.Stack.Name}|{cell.Workers}" : cell.Id;
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
                        server = await servers.StartAsync(cell.Stack, cancellationToken).ConfigureAwait(false);
                        serverKey = key;
                    }
                    catch (HostException e) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new CellHostLostException(cell, e);
                    }
                    catch (PerfNotebooksException e) when (!cancellationToken.IsCancellationRequested)
                    {
                        var failed = StartFailed(cell, e.Message);
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
                    // Not stored: a resume measures the cell again, whole. The server (wherever it is) is stopped below.
                    throw new CellHostLostException(cell, e);
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
            session.SetStatus(session.PendingCells().Count == 0 ? RunStatus.Complete : RunStatus.Interrupted);
        }
        catch
        {
            session.SetStatus(RunStatus.Interrupted);
            throw;
        }
        finally
        {
            if (server is not null) await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<CellResult> MeasureAsync(IServedStack server, PlanCell cell, ExperimentPlan plan, Action<ExperimentPhase, LoadProgress?> report, CancellationToken cancellationToken)
    {
        var isEcho = cell.Endpoint.Split('?', 2)[0] == "/echo";
        var spec = new LoadSpec
        {
            Url = new Uri(server.BaseUrl, cell.Endpoint),
            Connections = cell.Connections,
            Rate = cell.Rate,
            Duration = plan.Duration,
            Warmup = plan.Warmup,
            Timeout = plan.Timeout,
            Method = isEcho ? "POST" : "GET",
            Body = isEcho ? Encoding.ASCII.GetBytes(new string('x', 64)) : null,
        };
        var startedAt = DateTimeOffset.UtcNow;
        report(plan.Warmup > TimeSpan.Zero ? ExperimentPhase.WarmingUp : ExperimentPhase.Measuring, null);
        var loadProgress = new Progress<LoadProgress>(p => report(p.WarmingUp ? ExperimentPhase.WarmingUp : ExperimentPhase.Measuring, p));
        SiteLoadResult measured;
        IReadOnlyList<ResourceSample> samples;
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
        if (server.Lost is { } lost) throw lost;
        var result = measured.Merged;

        var usage = ServerUsage.FromSamples(samples, plan.Warmup);
        var versions = server.Versions;
        var cellResult = Describe(cell, result, startedAt, usage, versions, server.HasExited ? server.OutputTail(20) : null) with
        {
            Resources = samples,
            Corrected = result.Corrected,
            Uncorrected = result.Uncorrected,
        };
        // Each load host's own share, kept beside the merged row (no series or histograms of their own).
        return cellResult with
        {
            PerHost = [.. measured.PerHost.Select(h => HostRow(Describe(cell, h.Result, startedAt, usage, versions, null), h))],
        };
    }

    /// <summary>A load host's row: its address, no series of its own, and a late start said when there was one.</summary>
    private static CellResult HostRow(CellResult row, HostLoadResult host)
    {
        var late = host.StartSkew.Duration() > TimeSpan.FromMilliseconds(100)
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"started {host.StartSkew.TotalMilliseconds:0} ms from the common start")
            : "";
        return row with { Host = host.Host.ToString(), Timeline = [], Note = row.Note.Length > 0 ? row.Note : late };
    }

    /// <summary>A cell row from one load result: flags and note as the result calls for.</summary>
    private CellResult Describe(PlanCell cell, LoadResult load, DateTimeOffset startedAt, ServerUsage usage, ServerVersions? versions, string? serverExitTail)
    {
        var flags = new List<string>();
        var note = "";
        if (serverExitTail is not null)
        {
            flags.Add(CellFlags.ServerDied);
            note = "server exited during the cell; last output:\n" + serverExitTail;
        }
        if (load.Client.Saturated) flags.Add(CellFlags.ClientSaturated);
        if (load.MissedTargetRate) flags.Add(CellFlags.RateMissed);
        if (load.Summary.Requests == 0) flags.Add(CellFlags.NoRequests);
        else if (load.ErrorRate > ErrorFlagThreshold) flags.Add(CellFlags.Errors);
        if (note.Length == 0 && load.Client.Saturated && load.Client.SaturationReason is { } reason) note = reason;
        if (note.Length == 0 && load.MissedTargetRateText is { } missed) note = missed;
        return new CellResult
        {
            Cell = cell,
            StartedAt = load.StartedAt == default ? startedAt : load.StartedAt,
            Summary = load.Summary,
            Errors = load.Errors,
            Client = load.Client,
            Reconnects = load.Reconnects,
            Server = usage,
            Versions = versions,
            Flags = flags,
            Note = note,
            Timeline = load.Timeline,
        };
    }

    private static CellResult StartFailed(PlanCell cell, string message) => new()
    {
        Cell = cell,
        StartedAt = DateTimeOffset.UtcNow,
        Summary = new LoadSummary(0, 0, 0, new LatencyPercentiles(0, 0, 0, 0, 0, 0, 0), 0),
        Errors = ErrorCounts.None,
        Client = new ClientAudit(0, 0, 0, false, null),
        Server = ServerUsage.None,
        Flags = [CellFlags.StartFailed],
        Note = message,
    };
}
