namespace PerfNotebooks.Experiments;

/// <summary>What the runner is doing for the current cell.</summary>
public enum ExperimentPhase
{
    /// <summary>The cell's server is starting.</summary>
    StartingServer,
    /// <summary>Load runs unrecorded.</summary>
    WarmingUp,
    /// <summary>Load runs and is recorded.</summary>
    Measuring,
    /// <summary>The pause after the cell.</summary>
    CoolingDown,
    /// <summary>The cell is stored.</summary>
    CellDone,
}
