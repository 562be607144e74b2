using PerfNotebooks.Load;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Experiments;

/// <summary>
/// A single load answered from stored runs instead of measured: the stored cell closest to what was asked
/// (same stack, endpoint and load model; the nearest load level, the same worker count when there is one;
/// the first repetition), turned back into the <see cref="LoadResult"/> a live load would have given.
/// </summary>
public sealed record StoredLoad(RunRecord Run, CellResult Cell)
{
    /// <summary>The stored cell nearest to the request, or null when no stored run has the stack, endpoint and model.</summary>
    public static StoredLoad? Find(IEnumerable<RunRecord> runs, string stack, string endpoint, LoadModel model, double level, int? workers = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs
            .SelectMany(run => run.Results.Where(r => r.Measured && r.Corrected is not null).Select(cell => new StoredLoad(run, cell)))
            .Where(s => s.Cell.Cell.Stack.Name == stack && s.Cell.Cell.Endpoint == endpoint && s.Cell.Cell.Model == model)
            // Levels compare on a ratio scale: 16 is as far from 32 as 64 is.
            .OrderBy(s => Math.Abs(Math.Log(Math.Max(s.Cell.Cell.Level, 1e-9) / Math.Max(level, 1e-9))))
            .ThenBy(s => workers is { } w && s.Cell.Cell.Workers == w ? 0 : 1)
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
                Duration = plan.Duration,
                Warmup = plan.Warmup,
                Timeout = plan.Timeout,
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
