namespace PerfNotebooks.Experiments;

/// <summary>
/// A plan answered from a stored run instead of measured: the stored cells whose condition (stack, worker
/// count, endpoint, load level) the plan names, as a run of that plan, and the conditions the stored run
/// lacks. Used to show a notebook's comparison from a reference run without measuring.
/// </summary>
/// <param name="Run">The stored run reduced to the plan's conditions; its <see cref="RunInfo.Plan"/> is the plan asked for.</param>
/// <param name="Missing">Condition ids the plan asks for and the stored run does not hold.</param>
/// <param name="Asked">How many conditions the plan asks for.</param>
public sealed record StoredPlan(RunRecord Run, IReadOnlyList<string> Missing, int Asked)
{
    /// <summary>Reduces <paramref name="stored"/> to what <paramref name="plan"/> asks for.</summary>
    public static StoredPlan Of(ExperimentPlan plan, RunRecord stored)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stored);
        var asked = plan.Cells().Select(c => c.ConditionId).Distinct(StringComparer.Ordinal).ToList();
        var wanted = asked.ToHashSet(StringComparer.Ordinal);
        var results = stored.Results.Where(r => wanted.Contains(r.Cell.ConditionId)).ToList();
        var present = results.Select(r => r.Cell.ConditionId).ToHashSet(StringComparer.Ordinal);
        var run = stored with { Info = stored.Info with { Plan = plan with { Repetitions = stored.Info.Plan.Repetitions } }, Results = results };
        return new StoredPlan(run, asked.Where(c => !present.Contains(c)).ToList(), asked.Count);
    }
}
