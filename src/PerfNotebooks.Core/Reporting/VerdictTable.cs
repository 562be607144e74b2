namespace PerfNotebooks.Reporting;

/// <summary>
/// Builds the verdict table from a <see cref="RunAnalysis"/>: for every endpoint at its reference load
/// level, throughput, response time (p99) and resource use (req/s per CPU core, memory); and
/// scalability, the gain in req/s from the lowest to the highest load of the sweep. In each, the best
/// condition (by geometric mean) is compared with the second best on the ratio scale
/// (<see cref="RatioStatistics"/>). A flagged leader or runner-up is named in the note, never silently.
/// </summary>
public static class VerdictTable
{
    /// <summary>The verdicts of every dimension at every condition the run measured.</summary>
    public static IReadOnlyList<Verdict> Build(RunAnalysis analysis, EquivalenceBand? band = null)
    {
        band ??= EquivalenceBand.Default;
        var verdicts = new List<Verdict>();
        foreach (var endpoint in analysis.Endpoints)
        {
            var level = analysis.ReferenceLevel(endpoint);
            if (level is null) continue;
            var all = analysis.Stacks.Select(s => analysis.Find(s, endpoint, level.Value, analysis.UsualWorkers(s))).OfType<ConditionStats>().ToList();
            if (all.Count < 2) continue;
            var at = $"{endpoint} at {new LoadModelLevel(all[0].Model, level.Value)}";
            Add(verdicts, Rank(Dimensions.Throughput, Measures.Throughput, at, all, c => c.RpsSample, higherIsBetter: true, " req/s", band));
            Add(verdicts, Rank(Dimensions.ResponseTime, Measures.P99, at, all, c => c.P99Sample, higherIsBetter: false, " ms", band));
            Add(verdicts, Rank(Dimensions.ResourceUse, Measures.RpsPerCore, at, all, c => RepetitionSample.Of(c.RpsPerCore), higherIsBetter: true, "", band));
            Add(verdicts, Rank(Dimensions.ResourceUse, Measures.Memory, at, all, c => RepetitionSample.Of(c.PssMb), higherIsBetter: false, " MB", band));
        }
        var sweep = analysis.SweepEndpoint();
        if (sweep is not null)
        {
            // Scalability: how much throughput grows from the lowest load level to the highest, per
            // repetition (rep r at the top over rep r at the bottom: the same server when the plan reuses it).
            var levels = analysis.Levels(sweep);
            var (low, top) = (levels.Min(), levels.Max());
            var gains = new List<ConditionStats>();
            foreach (var stack in analysis.Stacks)
            {
                var w = analysis.UsualWorkers(stack);
                if (analysis.Find(stack, sweep, low, w) is not { } lo || analysis.Find(stack, sweep, top, w) is not { } hi) continue;
                var ratios = hi.Cells.Join(lo.Cells, c => c.Cell.Repetition, c => c.Cell.Repetition,
                    (h, l) => l.Summary.RequestsPerSecond > 0 ? h.Summary.RequestsPerSecond / l.Summary.RequestsPerSecond : 0).ToArray();
                gains.Add(hi with { Rps = ratios, RpsWindows = [], Cells = hi.Cells.Concat(lo.Cells).ToList(), Unusable = hi.Unusable.Concat(lo.Unusable).ToList() });
            }
            if (gains.Count >= 2)
            {
                var condition = $"{sweep}, {new LoadModelLevel(gains[0].Model, low)} → {new LoadModelLevel(gains[0].Model, top)}";
                Add(verdicts, Rank(Dimensions.Scalability, Measures.Gain, condition, gains, c => RepetitionSample.Of(c.Rps), higherIsBetter: true, "x", band));
            }
        }
        return verdicts;
    }

    private static void Add(List<Verdict> verdicts, Verdict? verdict)
    {
        if (verdict is not null) verdicts.Add(verdict);
    }

    private static Verdict? Rank(string dimension, string measure, string condition, IReadOnlyList<ConditionStats> conditions,
        Func<ConditionStats, RepetitionSample> sample, bool higherIsBetter, string unit, EquivalenceBand band)
    {
        var usable = conditions.Select(c => (Condition: c, Sample: sample(c))).Where(x => x.Sample.Count > 0).ToList();
        var leftOut = conditions.Where(c => usable.All(u => !ReferenceEquals(u.Condition, c))).ToList();
        if (usable.Count < 2) return null;
        var ordered = (higherIsBetter ? usable.OrderByDescending(x => x.Sample.MeanLog) : usable.OrderBy(x => x.Sample.MeanLog)).ToList();
        var (leader, leaderSample) = ordered[0];
        var (second, secondSample) = ordered[1];
        // Oriented so the ratio reads in the leader's favour: leader/runner-up for "more is better", runner-up/leader otherwise.
        var interval = higherIsBetter ? RatioStatistics.Compare(leaderSample, secondSample)! : RatioStatistics.Compare(secondSample, leaderSample)!;
        var judged = RatioStatistics.Judge(interval, band);

        var notes = new List<string>();
        foreach (var c in new[] { leader, second })
            if (FlagNotes.Sentence(c) is { Length: > 0 } s) notes.Add(s);
        if (leftOut.Count > 0)
            notes.Add("left out: " + string.Join(", ", leftOut.Select(c => FlagNotes.For(c) is { Count: > 0 } f ? $"{c.Label} ({string.Join("; ", f)})" : $"{c.Label} (no usable repetition)")));

        return new Verdict
        {
            Dimension = dimension,
            Measure = measure,
            Condition = condition,
            Leader = leader.Label,
            RunnerUp = second.Label,
            LeaderValue = Numbers.ThreeFigures(leaderSample.GeometricMean) + unit,
            RunnerUpValue = Numbers.ThreeFigures(secondSample.GeometricMean) + unit,
            Ratio = interval.Ratio,
            RatioLow = interval.Low,
            RatioHigh = interval.High,
            Outcome = judged.Outcome,
            MoreRepetitions = judged.MoreRepetitions,
            Note = string.Join("; ", notes),
            Band = band.Fraction,
        };
    }
}
