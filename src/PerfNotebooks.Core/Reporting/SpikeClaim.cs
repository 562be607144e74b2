using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// "Flask ... may require additional configurations to handle significant traffic spikes", read as: under a
/// tenfold spike, Flask under Gunicorn's defaults (one sync worker) takes at least twice as long to recover as
/// Flask configured for it (more workers, or gevent workers), or fails more than 1% of the requests from the
/// spike on where the configured one does not. Recovery: from the spike's end until the p99 is back within 2x
/// its level before the spike (<see cref="SpikeAnalysis"/>), plus one second so that "at once" is 1, compared on
/// the ratio scale with the same interval as every claim. The other stacks of the block are in the evidence.
/// </summary>
internal static class SpikeClaim
{
    /// <summary>"Requires configuration": the defaults take at least this many times as long to recover.</summary>
    public const double Longer = 2.0;

    private const string Defaults = "flask-gunicorn-defaults";
    private static readonly string[] ConfiguredFlask = ["flask-gunicorn", "flask-gunicorn-gevent", "flask-gunicorn-tuned"];

    public static ClaimCheck Check(RunAnalysis a)
    {
        const string claim = "Under a tenfold traffic spike, Flask under Gunicorn's defaults (one sync worker) takes at least 2x as long to recover as Flask with more workers or gevent workers, or fails requests where they do not.";
        var spiked = a.Conditions.Where(c => c.Cells.Count > 0 && c.Cells[0].Cell.Profile is { SpikeStart: not null })
            .Select(c => (Condition: c, Responses: c.Cells.Select(SpikeAnalysis.Of).OfType<SpikeResponse>().ToList()))
            .Where(x => x.Responses.Count > 0).ToList();
        var defaults = spiked.FirstOrDefault(x => x.Condition.Stack == Defaults);
        var configured = spiked.Where(x => ConfiguredFlask.Contains(x.Condition.Stack)).ToList();
        if (defaults.Condition is null || configured.Count == 0)
            return ClaimJudge.NotMeasured(claim, Longer,
                $"needs a traffic spike (a rate profile such as spike:base=40,peak=400,...) against {Defaults} and Flask configured otherwise (more workers, gevent): the '{PlanPresets.SpikesBlock}' block of the seed and spikes presets; this run has none.");

        var best = configured.OrderBy(x => Score(x.Responses).MeanLog).First();
        var profile = defaults.Condition.Cells[0].Cell.Profile!;
        var numbers = $"{profile.Text} on {defaults.Condition.Endpoint}: " + string.Join("; ", spiked.Select(x => Describe(x.Condition, x.Responses)))
            + $". Recovery of {defaults.Condition.Label} over {best.Condition.Label} (seconds + 1): ";
        var check = ClaimJudge.Judge(claim, Score(defaults.Responses), Score(best.Responses), Longer, numbers, defaults.Condition, best.Condition);
        var defaultErrors = defaults.Responses.Average(r => r.ErrorShareFromSpike);
        var bestErrors = best.Responses.Average(r => r.ErrorShareFromSpike);
        if (check.Outcome != ClaimOutcome.Agrees && defaultErrors > 0.01 && bestErrors <= 0.01)
            return check with
            {
                Outcome = ClaimOutcome.Agrees,
                Evidence = check.Evidence + $" {defaults.Condition.Label} failed {Numbers.Share(defaultErrors)} of the requests from the spike on, {best.Condition.Label} {Numbers.Share(bestErrors)}: that alone bears the claim out.",
            };
        // Every repetition of the defaults still behind at the end of the run (its queue not drained) while the
        // configured one served what was asked: the defaults did not handle the spike, whatever the recovery ratio says.
        var defaultsServed = defaults.Responses.Max(Served);
        var bestServed = best.Responses.Min(Served);
        if (check.Outcome != ClaimOutcome.Agrees && defaultsServed < MostServedWhenBehind && bestServed >= ServedWhenHandled)
            return check with
            {
                Outcome = ClaimOutcome.Agrees,
                Evidence = check.Evidence + $" {defaults.Condition.Label} served at most {Numbers.Share(defaultsServed)} of the requests asked for from the spike to the end of the run in every repetition (the rest still queued), {best.Condition.Label} at least {Numbers.Share(bestServed)}: that alone bears the claim out.",
            };
        return check;
    }

    /// <summary>"Still behind": served less than this share of what was asked from the spike on.</summary>
    public const double MostServedWhenBehind = 0.9;

    /// <summary>"Handled": served at least this share of what was asked from the spike on.</summary>
    public const double ServedWhenHandled = 0.99;

    private static double Served(SpikeResponse r) => r.OfferedFromSpike <= 0 ? 1 : r.ServedFromSpike / r.OfferedFromSpike;

    private static RepetitionSample Score(IReadOnlyList<SpikeResponse> responses) => RepetitionSample.Of(responses.Select(r => r.RecoveryScore).ToArray());

    private static string Describe(ConditionStats c, List<SpikeResponse> responses)
    {
        var recovered = responses.Where(r => r.RecoverySeconds is not null).ToList();
        var recovery = recovered.Count == responses.Count
            ? $"recovered in {Numbers.ThreeFigures(recovered.Average(r => r.RecoverySeconds!.Value))} s"
            : recovered.Count == 0
                ? $"not recovered within {Numbers.ThreeFigures(responses.Min(r => r.SecondsAfterSpike))} s"
                : $"recovered in {ClaimJudge.N(recovered.Count)} of {ClaimJudge.N(responses.Count)} repetitions";
        return $"{c.Label} {recovery}, p99 {Numbers.Ms(responses.Average(r => r.BaselineP99Ms))} ms before, worst {Numbers.Ms(responses.Average(r => r.WorstP99Ms))} ms, "
            + $"{Numbers.Share(responses.Average(r => r.ErrorShareFromSpike))} failed from the spike on";
    }
}
