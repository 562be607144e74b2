namespace PerfNotebooks.Reporting;

/// <summary>
/// "Gunicorn, when properly configured, also offers decent throughput", read as: Gunicorn configured as its
/// documentation suggests (2 x cores + 1 gthread workers, 4 threads each) serves at least 1.2 times the req/s
/// of Gunicorn as it comes (one sync worker), on the I/O-bound endpoint where configuration matters; the
/// other endpoints and the best async reference at the same condition are in the evidence.
/// </summary>
internal static class GunicornConfigClaim
{
    private const string Tuned = "flask-gunicorn-tuned";
    private const string Defaults = "flask-gunicorn-defaults";
    private static readonly string[] AsyncReferences = ["starlette-uvicorn", "aiohttp", "tornado"];

    public static ClaimCheck Check(RunAnalysis a)
    {
        const string claim = "Gunicorn configured as its documentation suggests (2 x cores + 1 gthread workers, 4 threads each) serves at least 1.2x the req/s of Gunicorn's defaults (one sync worker).";
        var shared = a.Conditions.Where(c => c.Stack == Tuned && c.Rps.Length > 0)
            .Select(t => (Tuned: t, Defaults: ClaimJudge.At(a, Defaults, t.Endpoint, t.Level)))
            .Where(p => p.Defaults is not null && p.Tuned.Model == p.Defaults.Model)
            .ToList();
        if (shared.Count == 0)
            return ClaimJudge.NotMeasured(claim, SeedClaims.Better,
                $"needs {Tuned} and {Defaults} at the same load (the '{Experiments.PlanPresets.GunicornConfigBlock}' block of the seed preset).");
        // The I/O-bound endpoint first: a worker waiting on I/O is where the configuration decides.
        var (tuned, defaults) = shared.OrderByDescending(p => p.Tuned.Endpoint.StartsWith("/io", StringComparison.Ordinal)).ThenByDescending(p => p.Tuned.Level).First();
        var others = shared.Where(p => !ReferenceEquals(p.Tuned, tuned))
            .Select(p => $"{p.Tuned.Endpoint} at {ClaimJudge.Lvl(p.Tuned.Level)}: {Ratio(p.Tuned.RpsSample, p.Defaults!.RpsSample)}")
            .ToList();
        var numbers = $"{tuned.Endpoint} at {ClaimJudge.Lvl(tuned.Level)} connections: {tuned.Label} ({tuned.Workers} gthread workers x {tuned.Cells[0].Cell.Stack.Threads ?? 1} threads) {ClaimJudge.RpsAndP99(tuned)} "
            + $"vs {defaults!.Label} {ClaimJudge.RpsAndP99(defaults)}"
            + (others.Count > 0 ? $" (tuned over defaults elsewhere: {string.Join("; ", others)})" : "") + ": ";
        var check = ClaimJudge.Judge(claim, tuned.RpsSample, defaults.RpsSample, SeedClaims.Better, numbers, tuned, defaults);
        if (ClaimJudge.Best(a, AsyncReferences, tuned.Endpoint, tuned.Level) is { } reference)
            check = check with { Evidence = check.Evidence + $" For scale, {reference.Label} served {Numbers.ThreeFigures(reference.RpsSample.GeometricMean)} req/s there ({Ratio(tuned.RpsSample, reference.RpsSample)} of it)." };
        return check;
    }

    private static string Ratio(RepetitionSample a, RepetitionSample b)
        => RatioStatistics.Compare(a, b) is { } r ? Numbers.RatioWithInterval(r.Ratio, r.Low, r.High) : "n/a";
}
