using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>Builds the verdict table from a <see cref="RunAnalysis"/>.</summary>
public static class VerdictTable
{
    public static IReadOnlyList<Verdict> Build(RunAnalysis analysis)
    {
        var verdicts = new List<Verdict>();
        foreach (var endpoint in analysis.Endpoints)
        {
            var reference = analysis.AtReference(endpoint);
            if (reference.Count >= 2)
            {
                var at = $"{endpoint} at {new LoadModelLevel(reference[0].Model, reference[0].Level)}";
                verdicts.Add(Rank("throughput", at, reference, c => c.Rps, higherIsBetter: true, " req/s"));
                verdicts.Add(Rank("response time (p99)", at, reference, c => c.P99Ms, higherIsBetter: false, " ms"));
                verdicts.Add(Rank("resource use (req/s per CPU core)", at, reference, c => c.RpsPerCore, higherIsBetter: true, ""));
                verdicts.Add(Rank("resource use (memory, PSS)", at, reference, c => c.PssMb, higherIsBetter: false, " MB"));
            }
        }
        var sweep = analysis.SweepEndpoint();
        if (sweep is not null)
        {
            // Scalability: how much throughput grows from the lowest load level to the highest, per
            // repetition (rep r at the top over rep r at the bottom), so the noise of each is kept.
            var levels = analysis.Levels(sweep);
            var (low, top) = (levels.Min(), levels.Max());
            var gains = new List<ConditionStats>();
            foreach (var stack in analysis.Stacks)
            {
                var w = analysis.UsualWorkers(stack);
                if (analysis.Find(stack, sweep, low, w) is not { Rps.Length: > 0 } lo || analysis.Find(stack, sweep, top, w) is not { Rps.Length: > 0 } hi) continue;
                var ratios = hi.Cells.Join(lo.Cells, c => c.Cell.Repetition, c => c.Cell.Repetition,
                    (h, l) => l.Summary.RequestsPerSecond > 0 ? h.Summary.RequestsPerSecond / l.Summary.RequestsPerSecond : 0).ToArray();
                if (ratios.Length > 0) gains.Add(hi with { Rps = ratios });
            }
            if (gains.Count >= 2)
            {
                var lvl = (LoadModelLevel a, LoadModelLevel b) => $"{sweep}, {a} → {b}";
                verdicts.Add(Rank("scalability (throughput gain from the lowest to the highest load)",
                    lvl(new LoadModelLevel(gains[0].Model, low), new LoadModelLevel(gains[0].Model, top)), gains, c => c.Rps, true, "×"));
            }
        }
        return verdicts;
    }

    private static Verdict Rank(string dimension, string condition, IReadOnlyList<ConditionStats> conditions, Func<ConditionStats, double[]> values, bool higherIsBetter, string unit)
    {
        var ordered = (higherIsBetter
            ? conditions.OrderByDescending(c => Estimate.Of(values(c)).Mean)
            : conditions.OrderBy(c => Estimate.Of(values(c)).Mean)).ToList();
        var leader = ordered[0];
        var second = ordered[1];
        var comparison = Statistics.Compare(values(leader), values(second));
        var ratio = higherIsBetter ? comparison.Ratio : (comparison.MeanA == 0 ? double.PositiveInfinity : comparison.MeanB / comparison.MeanA);
        var lv = Numbers.Estimate(Estimate.Of(values(leader)), unit);
        var rv = Numbers.Estimate(Estimate.Of(values(second)), unit);
        var how = higherIsBetter ? "higher" : "lower";
        var summary = comparison.Distinguishable
            ? $"{leader.Label} leads {second.Label} by {Numbers.Ratio(ratio)} ({how} is better); the difference is beyond the run-to-run noise ({Numbers.PPhrase(comparison.PValue)})."
            : double.IsNaN(comparison.PValue)
                ? $"{leader.Label} is ahead of {second.Label} by {Numbers.Ratio(ratio)}, but with one repetition the two cannot be told apart."
                : $"{leader.Label} and {second.Label} cannot be told apart: {Numbers.Ratio(ratio)} is within the run-to-run noise ({Numbers.PPhrase(comparison.PValue)}).";
        return new Verdict(dimension, condition, leader.Label, lv, second.Label, rv, ratio, comparison.PValue, comparison.Distinguishable, summary);
    }
}
