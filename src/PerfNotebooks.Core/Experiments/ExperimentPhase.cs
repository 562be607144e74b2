namespace PerfNotebooks.Experiments;

/// <summary>What the runner is doing for the current cell.</summary>
public enum ExperimentPhase
{
    StartingServer,
    WarmingUp,
    Measuring,
    CoolingDown,
    CellDone,
}
