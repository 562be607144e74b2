namespace PerfNotebooks.Reporting;

/// <summary>
/// "Tornado and Gunicorn strike a balance between performance and resource utilization", read as: each sits on
/// the trade-off front of throughput (req/s) and memory (PSS of the whole process tree) among the production
/// stacks measured at the reference condition of /plaintext: no other stack is both faster and lighter. Each
/// "faster" and "lighter" is judged like a verdict (the ratio's 95% interval beyond the ±5% band): agrees when
/// every other stack is shown not to be better on at least one of the two, disagrees when some stack is
/// shown better on both, cannot tell otherwise. Gunicorn is represented by Flask under its sync workers.
/// </summary>
internal static class BalanceClaim
{
    private static readonly string[] Candidates = ["tornado", "flask-gunicorn"];
    private static readonly string[] DevelopmentServers = ["runserver", "werkzeug"];

    public static ClaimCheck Check(RunAnalysis a)
    {
        const string claim = "Tornado and Gunicorn (sync workers, with Flask) each sit on the trade-off front of throughput and memory: no other production stack is both faster and lighter.";
        var band = EquivalenceBand.Default;
        var endpoint = a.Endpoints.FirstOrDefault(e => e.StartsWith("/plaintext", StringComparison.Ordinal));
        var all = endpoint is null ? [] : a.AtReference(endpoint)
            .Where(c => !DevelopmentServers.Contains(c.Server) && c.PssMb.Any(v => v > 0)).ToList();
        var judged = Candidates.Select(name => all.FirstOrDefault(c => c.Stack == name)).OfType<ConditionStats>().ToList();
        if (endpoint is null || judged.Count < Candidates.Length || all.Count < 3)
            return ClaimJudge.NotMeasured(claim, band.Upper, "needs tornado, flask-gunicorn and other production stacks with their memory on /plaintext at one load (the quick and seed presets measure them).");

        var parts = new List<string>();
        var outcome = ClaimOutcome.Agrees;
        RatioInterval? strongest = null;
        foreach (var stack in judged)
        {
            var dominators = new List<string>();
            var undecided = new List<string>();
            foreach (var other in all.Where(o => !ReferenceEquals(o, stack)))
            {
                var faster = RatioStatistics.Compare(other.RpsSample, stack.RpsSample);
                var lighter = RatioStatistics.Compare(RepetitionSample.Of(stack.PssMb), RepetitionSample.Of(other.PssMb));
                if (faster is null || lighter is null) continue;
                var clearlyFaster = faster.HasInterval && faster.Low > band.Upper;
                var clearlyLighter = lighter.HasInterval && lighter.Low > band.Upper;
                var notFaster = faster.HasInterval && faster.High <= band.Upper;
                var notLighter = lighter.HasInterval && lighter.High <= band.Upper;
                var text = $"{other.Label} ({Numbers.RatioWithInterval(faster.Ratio, faster.Low, faster.High)} the req/s, {Numbers.RatioWithInterval(lighter.Ratio, lighter.Low, lighter.High)} less memory)";
                if (clearlyFaster && clearlyLighter)
                {
                    dominators.Add(text);
                    if (strongest is null || faster.Ratio > strongest.Ratio) strongest = faster;
                }
                else if (!notFaster && !notLighter)
                {
                    undecided.Add(text);
                }
            }
            var head = $"{stack.Label} {Numbers.ThreeFigures(stack.RpsSample.GeometricMean)} req/s, {Numbers.ThreeFigures(RepetitionSample.Of(stack.PssMb).GeometricMean)} MB";
            if (dominators.Count > 0)
            {
                outcome = ClaimOutcome.Disagrees;
                parts.Add($"{head}: off the front, {string.Join(" and ", dominators)} {(dominators.Count == 1 ? "is" : "are")} both faster and lighter");
            }
            else if (undecided.Count > 0)
            {
                if (outcome == ClaimOutcome.Agrees) outcome = ClaimOutcome.CannotTell;
                parts.Add($"{head}: {string.Join(" and ", undecided)} may be both faster and lighter (not decided)");
            }
            else
            {
                parts.Add($"{head}: on the front (every other stack is slower or heavier)");
            }
        }
        var level = a.ReferenceLevel(endpoint)!.Value;
        var evidence = $"{endpoint} at {ClaimJudge.Lvl(level)} connections, against {ClaimJudge.N(all.Count - 1)} other production stacks; \"faster\" and \"lighter\" mean beyond the {band} band with 95% confidence. "
            + string.Join(". ", parts) + ".";
        foreach (var c in judged)
            if (FlagNotes.Sentence(c) is { Length: > 0 } note) evidence += $" Note: {note}.";
        return new ClaimCheck(claim, outcome, evidence)
        {
            MinimumEffect = band.Upper,
            Ratio = strongest?.Ratio ?? double.NaN,
            RatioLow = strongest?.Low ?? double.NaN,
            RatioHigh = strongest?.High ?? double.NaN,
        };
    }
}
