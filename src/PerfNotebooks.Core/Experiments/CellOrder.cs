namespace PerfNotebooks.Experiments;

/// <summary>The order cells run in. Shuffling spreads slow drift (thermal, background work) over all stacks.</summary>
public enum CellOrder
{
    /// <summary>Stacks, endpoints, workers, levels, repetitions in the order the plan lists them.</summary>
    AsListed,

    /// <summary>Shuffled with <see cref="ExperimentPlan.Seed"/>, so the order can be reproduced.</summary>
    Shuffled,
}
