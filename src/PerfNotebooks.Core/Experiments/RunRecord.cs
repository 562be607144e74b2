namespace PerfNotebooks.Experiments;

/// <summary>A stored run loaded back: its run.json and every cell measured so far, in run order.</summary>
public sealed record RunRecord
{
    /// <summary>The run's folder.</summary>
    public required string Directory { get; init; }
    /// <summary>Its plan, environment and status.</summary>
    public required RunInfo Info { get; init; }
    /// <summary>The cells measured.</summary>
    public required IReadOnlyList<CellResult> Results { get; init; }

    /// <summary>Parts of the folder that did not load and were left out, one line each (e.g. a corrupt .hlog: that cell has no histogram).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The run's id (its folder's name).</summary>
    public string Id => Info.Id;

    /// <summary>Cells of the plan not measured yet, never tried or failed (what a resume would run).</summary>
    public IReadOnlyList<PlanCell> PendingCells() => Pending(Info.Plan, Results);

    /// <summary>The cells of <paramref name="plan"/> without a measured (not failed) result, in run order.</summary>
    internal static List<PlanCell> Pending(ExperimentPlan plan, IEnumerable<CellResult> results)
    {
        var done = results.Where(r => !r.Failed).Select(r => r.Cell.Id).ToHashSet(StringComparer.Ordinal);
        return plan.Cells().Where(c => !done.Contains(c.Id)).ToList();
    }
}
