using PerfNotebooks.Hosts;

namespace PerfNotebooks.Experiments;

/// <summary>
/// A cell could not be measured because a host was lost during it. The cell is not stored (a resume measures it
/// again, whole); every cell stored before it is kept; the run is marked interrupted.
/// </summary>
public sealed class CellHostLostException(PlanCell cell, HostException lost)
    : PerfNotebooksException($"cell {cell.Id} failed: {lost.Message}", lost)
{
    /// <summary>The cell that failed.</summary>
    public PlanCell Cell { get; } = cell;

    /// <summary>The host that was lost.</summary>
    public HostAddress Host { get; } = lost.Host;
}
