using PerfNotebooks.Load;

namespace PerfNotebooks.Experiments;

/// <summary>
/// A look at a running experiment for a progress display: which cell (1-based, of the cells this
/// session runs), what it is doing, the load engine's live figures, and an estimate of the time left.
/// </summary>
public sealed record ExperimentProgress(
    int CellNumber,
    int CellCount,
    PlanCell Cell,
    ExperimentPhase Phase,
    LoadProgress? Load,
    TimeSpan Elapsed,
    TimeSpan Remaining,
    CellResult? Finished = null);
