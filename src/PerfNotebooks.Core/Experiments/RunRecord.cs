namespace PerfNotebooks.Experiments;

/// <summary>A stored run loaded back: its run.json and every cell measured so far, in run order.</summary>
public sealed record RunRecord
{
    public required string Directory { get; init; }
    public required RunInfo Info { get; init; }
    public required IReadOnlyList<CellResult> Results { get; init; }

    public string Id => Info.Id;

    /// <summary>Cells of the plan not measured yet (what a resume would run).</summary>
    public IReadOnlyList<PlanCell> PendingCells()
    {
        var done = Results.Select(r => r.Cell.Id).ToHashSet(StringComparer.Ordinal);
        return Info.Plan.Cells().Where(c => !done.Contains(c.Id)).ToList();
    }
}
