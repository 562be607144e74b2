using PerfNotebooks.Load;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Experiments;

/// <summary>
/// A single load answered from stored runs instead of measured: the stored cell closest to what was asked
/// (same stack, endpoint and load model; a profiled load only by a profiled cell and a fixed one only by a
/// fixed one, a broadcast only by a broadcast; the nearest load level, the same profile, rooms and worker count
/// when there is one; the first repetition), turned back into the <see cref="LoadResult"/> a live load would have given.
/// </summary>
public sealed record StoredLoad(RunRecord Run, CellResult Cell)
{
    /// <summary>The stored cell nearest to the query, or null when no stored run has a cell of its kind.</summary>
    public static StoredLoad? Find(IEnumerable<RunRecord> runs, StoredLoadQuery query)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(query);
        return runs
            .SelectMany(run => run.Results.Where(r => r.Measured && r.Corrected is not null).Select(cell => new StoredLoad(run, cell)))
            .Where(s => query.Admits(s.Cell.Cell))
            // Levels compare on a ratio scale: 16 is as far from 32 as 64 is.
            .OrderBy(s => Math.Abs(Math.Log(Math.Max(s.Cell.Cell.Level, 1e-9) / Math.Max(query.Level, 1e-9))))
            .ThenBy(s => query.Profile is { } p && s.Cell.Cell.Profile!.Text == p.Text ? 0 : query.Profile is { } k && s.Cell.Cell.Profile!.Kind == k.Kind ? 1 : 2)
            .ThenBy(s => query.Rooms is { } rooms && s.Cell.Cell.WebSocket?.Rooms == rooms ? 0 : 1)
            .ThenBy(s => query.Workers is { } w && s.Cell.Cell.Workers == w ? 0 : 1)
            .ThenBy(s => s.Cell.Cell.Repetition)
            .FirstOrDefault();
    }

    /// <summary>The stored cell as a load result (its spec as the plan ran it, its histograms, timeline and audit).</summary>
    public LoadResult ToLoadResult()
    {
        var cell = Cell.Cell;
        var plan = Run.Info.Plan;
        return new LoadResult
        {
            Spec = new LoadSpec
            {
                Url = new Uri(new Uri(cell.WebSocket is null ? "http://127.0.0.1/" : "ws://127.0.0.1/"), cell.Endpoint),
                Connections = cell.Connections,
                Rate = cell.Profile is null ? cell.Rate : null,
                Profile = cell.Profile,
                WebSocket = cell.WebSocket,
                Duration = plan.DurationOf(cell),
                Warmup = plan.WarmupOf(cell),
                Timeout = plan.TimeoutOf(cell),
            },
            Summary = Cell.Summary,
            Corrected = Cell.Corrected ?? throw new InvalidOperationException($"stored cell {cell.Id} has no histogram"),
            Uncorrected = Cell.Uncorrected ?? Cell.Corrected,
            Timeline = Cell.Timeline,
            Errors = Cell.Errors,
            Client = Cell.Client,
            Reconnects = Cell.Reconnects,
            StartedAt = Cell.StartedAt,
        };
    }

    /// <summary>The server's resource samples of the stored cell.</summary>
    public IReadOnlyList<ResourceSample> ServerSamples => Cell.Resources;
}

/// <summary>What a load asked for, as <see cref="StoredLoad.Find(IEnumerable{RunRecord}, StoredLoadQuery)"/> matches it against stored cells.</summary>
public sealed record StoredLoadQuery
{
    /// <summary>The stack's name.</summary>
    public required string Stack { get; init; }

    /// <summary>The endpoint, e.g. /plaintext or /ws/echo.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Closed loop or constant rate (a profile is a constant-rate load that changes its rate).</summary>
    public required LoadModel Model { get; init; }

    /// <summary>Connections (closed loop) or rate (constant rate; a profile's peak rate).</summary>
    public required double Level { get; init; }

    /// <summary>The stack's worker count when the load names one; cells with it are preferred.</summary>
    public int? Workers { get; init; }

    /// <summary>The rate profile asked for: only profiled cells answer it (the same profile first). Null: only cells at a fixed level.</summary>
    public RateProfile? Profile { get; init; }

    /// <summary>Broadcast rooms asked for: only broadcast cells answer it (the same rooms first). Null: only echo or HTTP cells.</summary>
    public int? Rooms { get; init; }

    /// <summary>Whether a stored cell is of the kind asked for (its level may differ).</summary>
    public bool Admits(PlanCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Stack.Name == Stack && cell.Endpoint == Endpoint && cell.Model == Model
            && (cell.Profile is null) == (Profile is null)
            && (cell.WebSocket?.Rooms is null) == (Rooms is null);
    }
}
