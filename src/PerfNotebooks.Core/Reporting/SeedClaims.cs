using System.Globalization;

namespace PerfNotebooks.Reporting;

/// <summary>
/// The classic article's claims about Django, Flask, Tornado and Gunicorn, checked against measured data
/// instead of asserted. Each claim names what it needs and the smallest effect that bears it out
/// ("better" = at least 1.2 times the req/s); it is judged with the same ratio interval as the verdicts
/// (<see cref="RatioStatistics"/>): agrees when the whole 95% interval lies at or above that effect,
/// disagrees when it lies wholly below, cannot tell when it straddles it. When the run lacks what a
/// claim needs, the outcome is <see cref="ClaimOutcome.NotMeasured"/>, never a guess.
/// </summary>
public static class SeedClaims
{
    /// <summary>"Better": at least this many times the req/s.</summary>
    public const double Better = 1.2;

    /// <summary>"Not fit for production": the production server serves at least this many times more (or the dev server fails requests).</summary>
    public const double NotFitForProduction = 1.5;

    /// <summary>"Handles what the other cannot": at least this many times.</summary>
    public const double Cannot = 2.0;

    private static readonly string[] SyncGunicorn = ["flask-gunicorn", "django-gunicorn", "wsgi-gunicorn"];
    private static readonly string[] AsyncReferences = ["starlette-uvicorn", "aiohttp", "fastapi-uvicorn"];

    /// <summary>Checks every claim of the classic article against the run.</summary>
    public static IReadOnlyList<ClaimCheck> Check(RunAnalysis a) =>
    [
        ManyConnections(a),
        DevServer(a, "Django's development server (runserver) is not fit for production load.", "django-runserver", "django-gunicorn"),
        DevServer(a, "Flask's development server (Werkzeug) is not fit for production load.", "flask-dev", "flask-gunicorn"),
        WorkersScale(a),
        AsyncBeatsSyncOnIo(a),
        GeventHelpsIo(a),
    ];

    /// <summary>Tornado vs the best sync Gunicorn stack on the I/O endpoint at the highest concurrency.</summary>
    internal static ClaimCheck ManyConnections(RunAnalysis a)
    {
        const string claim = "Tornado handles many concurrent connections efficiently (better than pre-fork sync workers).";
        var (endpoint, level) = HighestIo(a);
        if (endpoint is null) return NotMeasured(claim, Better, "no /io endpoint with several concurrency levels in this run (the quick and seed presets have one).");
        var tornado = At(a, "tornado", endpoint, level);
        var sync = Best(a, SyncGunicorn, endpoint, level);
        if (tornado is null || sync is null) return NotMeasured(claim, Better, $"needs tornado and a sync Gunicorn stack on {endpoint} at {Lvl(level)} connections.");
        return Versus(claim, tornado, sync, $"{endpoint} at {Lvl(level)} connections", Better);
    }

    internal static ClaimCheck DevServer(RunAnalysis a, string claim, string dev, string production)
    {
        var endpoint = a.Endpoints.FirstOrDefault(e => e.StartsWith("/plaintext", StringComparison.Ordinal)) ?? (a.Endpoints.Count > 0 ? a.Endpoints[0] : null);
        if (endpoint is null) return NotMeasured(claim, NotFitForProduction, "no endpoint measured.");
        var common = a.Levels(endpoint).Where(l => At(a, dev, endpoint, l) is not null && At(a, production, endpoint, l) is not null).ToList();
        if (common.Count == 0) return NotMeasured(claim, NotFitForProduction, $"needs {dev} and {production} on {endpoint} at the same load (the quick and seed presets measure both).");
        var reference = a.ReferenceLevel(endpoint);
        var level = reference is { } r && common.Contains(r) ? r : common.Max();
        var d = At(a, dev, endpoint, level)!;
        var p = At(a, production, endpoint, level)!;
        // "Not fit for production" in numbers: the production server serves at least 1.5x the dev
        // server's req/s, or the dev server fails more than 1% of requests under load.
        var check = Versus(claim, p, d, $"{endpoint} at {Lvl(level)} connections", NotFitForProduction);
        if (d.MeanErrorRate > 0.01 && check.Outcome != ClaimOutcome.Agrees)
            return check with { Outcome = ClaimOutcome.Agrees, Evidence = check.Evidence + $" {dev} failed {Numbers.Share(d.MeanErrorRate)} of requests, which alone bears the claim out." };
        return check;
    }

    /// <summary>
    /// Most workers vs one worker for the pre-fork Gunicorn stacks of the worker sweep, up to as many
    /// workers as the servers had CPUs (all of them, or all but the generator's when the run kept the two apart).
    /// </summary>
    internal static ClaimCheck WorkersScale(RunAnalysis a)
    {
        const string claim = "Gunicorn's pre-fork workers scale with the cores.";
        var placement = a.Run.Info.Plan.Placement;
        var serverCores = placement?.ServerCoreCount ?? a.Run.Info.Environment.Cores;
        var sawSweep = false;
        foreach (var stack in SyncGunicorn)
        {
            foreach (var endpoint in a.Endpoints)
            {
                foreach (var level in a.Conditions.Where(c => c.Stack == stack && c.Endpoint == endpoint).Select(c => c.Level).Distinct())
                {
                    var sweep = a.WorkerSweep(stack, endpoint, level);
                    if (sweep.Count < 2) continue;
                    sawSweep = true;
                    var one = sweep[0];
                    var most = sweep.Where(c => c.Workers <= serverCores).LastOrDefault();
                    if (most is null || most.Workers <= one.Workers) continue;
                    var cores = placement is null ? $"{N(serverCores)} cores shared with the load generator" : $"{N(serverCores)} cores of their own ({placement})";
                    var where = $"{stack} on {endpoint} at {Lvl(level)} connections, {N(one.Workers)} vs {N(most.Workers)} workers on {cores}";
                    return Versus(claim, most, one, where, Better);
                }
            }
        }
        if (sawSweep)
            return NotMeasured(claim, Better, $"the servers had {N(serverCores)} CPU{(serverCores == 1 ? "" : "s")} of their own ({placement}), too few for a worker sweep to show scaling with cores: "
                + "measure on a machine with 3 or more CPUs, or with the generator and the servers sharing the CPUs.");
        return NotMeasured(claim, Better, "needs a worker sweep (1 to N workers) of a pre-fork Gunicorn stack: the seed preset measures one.");
    }

    internal static ClaimCheck AsyncBeatsSyncOnIo(RunAnalysis a)
    {
        const string claim = "Async servers (uvicorn + Starlette, aiohttp) serve I/O-bound requests at high concurrency better than sync workers.";
        var (endpoint, level) = HighestIo(a);
        if (endpoint is null) return NotMeasured(claim, Better, "no /io endpoint with several concurrency levels in this run (the quick and seed presets have one).");
        var asyncBest = Best(a, AsyncReferences, endpoint, level);
        var sync = Best(a, SyncGunicorn, endpoint, level);
        if (asyncBest is null || sync is null) return NotMeasured(claim, Better, $"needs an async reference and a sync Gunicorn stack on {endpoint}.");
        return Versus(claim, asyncBest, sync, $"{endpoint} at {Lvl(level)} connections", Better);
    }

    internal static ClaimCheck GeventHelpsIo(RunAnalysis a)
    {
        const string claim = "Gunicorn's gevent workers let a sync Flask app handle I/O concurrency that its sync workers cannot.";
        var (endpoint, level) = HighestIo(a);
        if (endpoint is null) return NotMeasured(claim, Cannot, "no /io endpoint with several concurrency levels in this run (the quick and seed presets have one).");
        var gevent = At(a, "flask-gunicorn-gevent", endpoint, level);
        var sync = At(a, "flask-gunicorn", endpoint, level);
        if (gevent is null || sync is null) return NotMeasured(claim, Cannot, $"needs flask-gunicorn-gevent and flask-gunicorn on {endpoint}.");
        return Versus(claim, gevent, sync, $"{endpoint} at {Lvl(level)} connections", Cannot);
    }

    /// <summary>"A beats B by at least <paramref name="minimumEffect"/>" on req/s, judged on the ratio interval.</summary>
    private static ClaimCheck Versus(string claim, ConditionStats a, ConditionStats b, string where, double minimumEffect)
        => ClaimJudge.Judge(claim, a.RpsSample, b.RpsSample, minimumEffect,
            $"{where}: {a.Label} {ClaimJudge.RpsAndP99(a)} vs {b.Label} {ClaimJudge.RpsAndP99(b)}: ", a, b);

    private static ClaimCheck NotMeasured(string claim, double minimumEffect, string why) => ClaimJudge.NotMeasured(claim, minimumEffect, why);

    private static (string? Endpoint, double Level) HighestIo(RunAnalysis a)
    {
        var endpoint = a.Endpoints.Where(e => e.StartsWith("/io", StringComparison.Ordinal)).OrderByDescending(e => a.Levels(e).Count).FirstOrDefault();
        if (endpoint is null || a.Levels(endpoint).Count < 2) return (null, 0);
        return (endpoint, a.Levels(endpoint).Max());
    }

    private static ConditionStats? At(RunAnalysis a, string stack, string endpoint, double level) => ClaimJudge.At(a, stack, endpoint, level);

    private static ConditionStats? Best(RunAnalysis a, IEnumerable<string> stacks, string endpoint, double level) => ClaimJudge.Best(a, stacks, endpoint, level);

    private static string Lvl(double level) => level.ToString("0", CultureInfo.InvariantCulture);
    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
