using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// The classic article's claims about Django, Flask, Tornado and Gunicorn, checked against measured data
/// instead of asserted. Each claim names what it needs; when the run lacks it the outcome is
/// <see cref="ClaimOutcome.NotMeasured"/>, never a guess.
/// </summary>
public static class SeedClaims
{
    private static readonly string[] SyncGunicorn = ["flask-gunicorn", "django-gunicorn", "wsgi-gunicorn"];
    private static readonly string[] AsyncReferences = ["starlette-uvicorn", "aiohttp", "fastapi-uvicorn"];

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
    private static ClaimCheck ManyConnections(RunAnalysis a)
    {
        const string claim = "Tornado handles many concurrent connections efficiently (better than pre-fork sync workers).";
        var (endpoint, level) = HighestIo(a);
        if (endpoint is null) return new(claim, ClaimOutcome.NotMeasured, "no /io endpoint with several concurrency levels in this run.");
        var tornado = At(a, "tornado", endpoint, level);
        var sync = Best(a, SyncGunicorn, endpoint, level);
        if (tornado is null || sync is null) return new(claim, ClaimOutcome.NotMeasured, $"needs tornado and a sync Gunicorn stack on {endpoint} at {level} connections.");
        return Versus(claim, tornado, sync, $"{endpoint} at {Lvl(level)} connections", extra: ErrorNote(tornado));
    }

    private static ClaimCheck DevServer(RunAnalysis a, string claim, string dev, string production)
    {
        var endpoint = a.Endpoints.FirstOrDefault(e => e.StartsWith("/plaintext", StringComparison.Ordinal)) ?? a.Endpoints.FirstOrDefault();
        if (endpoint is null) return new(claim, ClaimOutcome.NotMeasured, "no endpoint measured.");
        var level = a.ReferenceLevel(endpoint);
        var d = level is null ? null : At(a, dev, endpoint, level.Value);
        var p = level is null ? null : At(a, production, endpoint, level.Value);
        if (d is null || p is null) return new(claim, ClaimOutcome.NotMeasured, $"needs {dev} and {production} on {endpoint}.");
        // "Not fit for production" in numbers: the production server serves clearly more, or the dev
        // server fails requests under load.
        var cmp = Statistics.Compare(p.Rps, d.Rps);
        var devErrors = d.ErrorRate.DefaultIfEmpty(0).Average();
        var evidence = $"{endpoint} at {Lvl(level!.Value)} connections: {production} {Numbers.Estimate(p.RpsEstimate, " req/s")}, {dev} {Numbers.Estimate(d.RpsEstimate, " req/s")} ({Numbers.Ratio(cmp.Ratio)}, {Numbers.PPhrase(cmp.PValue)}, {Reps(p, d)}); {dev} failed {(devErrors * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}% of requests.";
        if (devErrors > 0.01 || (cmp.Distinguishable && cmp.Ratio >= 1.5)) return new(claim, ClaimOutcome.Agrees, evidence);
        if (cmp.Distinguishable && cmp.Ratio < 1) return new(claim, ClaimOutcome.Disagrees, evidence + $" Here the development server was faster.");
        if (cmp.Distinguishable) return new(claim, ClaimOutcome.Agrees, evidence + " The production server leads beyond the noise, but by less than 1.5×: the gap is smaller than the claim suggests.");
        return new(claim, ClaimOutcome.CannotTell, evidence);
    }

    /// <summary>Most workers vs one worker for the pre-fork Gunicorn stacks of the worker sweep.</summary>
    private static ClaimCheck WorkersScale(RunAnalysis a)
    {
        const string claim = "Gunicorn's pre-fork workers scale with the cores.";
        foreach (var stack in SyncGunicorn)
        {
            foreach (var endpoint in a.Endpoints)
            {
                foreach (var level in a.Conditions.Where(c => c.Stack == stack && c.Endpoint == endpoint).Select(c => c.Level).Distinct())
                {
                    var sweep = a.WorkerSweep(stack, endpoint, level);
                    if (sweep.Count < 2) continue;
                    var one = sweep[0];
                    var most = sweep[^1];
                    var cmp = Statistics.Compare(most.Rps, one.Rps);
                    var cores = a.Run.Info.Environment.Cores;
                    var evidence = $"{stack} on {endpoint} at {Lvl(level)} connections: {one.Workers} worker(s) {Numbers.Estimate(one.RpsEstimate, " req/s")}, {most.Workers} workers {Numbers.Estimate(most.RpsEstimate, " req/s")} ({Numbers.Ratio(cmp.Ratio)}, {Numbers.PPhrase(cmp.PValue)}, {Reps(most, one)}) on {cores} cores shared with the load generator.";
                    if (cmp.Distinguishable && cmp.Ratio >= 1.2) return new(claim, ClaimOutcome.Agrees, evidence);
                    if (cmp.Distinguishable)
                        return new(claim, ClaimOutcome.Disagrees, evidence + " Throughput did not grow with the workers here (the generator takes a core of its own).");
                    return new(claim, ClaimOutcome.CannotTell, evidence);
                }
            }
        }
        return new(claim, ClaimOutcome.NotMeasured, "needs a worker sweep (1 to N workers) of a pre-fork Gunicorn stack.");
    }

    private static ClaimCheck AsyncBeatsSyncOnIo(RunAnalysis a)
    {
        const string claim = "Async servers (uvicorn + Starlette, aiohttp) serve I/O-bound requests at high concurrency better than sync workers.";
        var (endpoint, level) = HighestIo(a);
        if (endpoint is null) return new(claim, ClaimOutcome.NotMeasured, "no /io endpoint with several concurrency levels in this run.");
        var asyncBest = Best(a, AsyncReferences, endpoint, level);
        var sync = Best(a, SyncGunicorn, endpoint, level);
        if (asyncBest is null || sync is null) return new(claim, ClaimOutcome.NotMeasured, $"needs an async reference and a sync Gunicorn stack on {endpoint}.");
        return Versus(claim, asyncBest, sync, $"{endpoint} at {Lvl(level)} connections");
    }

    private static ClaimCheck GeventHelpsIo(RunAnalysis a)
    {
        const string claim = "Gunicorn's gevent workers let a sync Flask app handle I/O concurrency that its sync workers cannot.";
        var (endpoint, level) = HighestIo(a);
        if (endpoint is null) return new(claim, ClaimOutcome.NotMeasured, "no /io endpoint with several concurrency levels in this run.");
        var gevent = At(a, "flask-gunicorn-gevent", endpoint, level);
        var sync = At(a, "flask-gunicorn", endpoint, level);
        if (gevent is null || sync is null) return new(claim, ClaimOutcome.NotMeasured, $"needs flask-gunicorn-gevent and flask-gunicorn on {endpoint}.");
        return Versus(claim, gevent, sync, $"{endpoint} at {Lvl(level)} connections");
    }

    /// <summary>"A beats B": agrees when A's throughput is clearly higher, disagrees when clearly lower.</summary>
    private static ClaimCheck Versus(string claim, ConditionStats a, ConditionStats b, string where, string extra = "")
    {
        var cmp = Statistics.Compare(a.Rps, b.Rps);
        var evidence = $"{where}: {a.Label} {Numbers.Estimate(a.RpsEstimate, " req/s")} (p99 {Numbers.Short(a.P99Estimate.Mean)} ms) vs {b.Label} {Numbers.Estimate(b.RpsEstimate, " req/s")} (p99 {Numbers.Short(b.P99Estimate.Mean)} ms): {Numbers.Ratio(cmp.Ratio)}, {Numbers.PPhrase(cmp.PValue)}, {Reps(a, b)}.{extra}";
        if (!cmp.Distinguishable) return new(claim, ClaimOutcome.CannotTell, evidence);
        return new(claim, cmp.Ratio > 1 ? ClaimOutcome.Agrees : ClaimOutcome.Disagrees, evidence);
    }

    private static string Reps(ConditionStats a, ConditionStats b)
        => $"n = {a.Rps.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} and {b.Rps.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} repetitions";

    private static string ErrorNote(ConditionStats c)
    {
        var rate = c.ErrorRate.DefaultIfEmpty(0).Average();
        return rate > 0.01 ? $" {c.Label} failed {(rate * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}% of requests." : "";
    }

    private static (string? Endpoint, double Level) HighestIo(RunAnalysis a)
    {
        var endpoint = a.Endpoints.Where(e => e.StartsWith("/io", StringComparison.Ordinal)).OrderByDescending(e => a.Levels(e).Count).FirstOrDefault();
        if (endpoint is null || a.Levels(endpoint).Count < 2) return (null, 0);
        return (endpoint, a.Levels(endpoint).Max());
    }

    private static ConditionStats? At(RunAnalysis a, string stack, string endpoint, double level)
    {
        var c = a.Find(stack, endpoint, level, a.UsualWorkers(stack));
        return c is { Rps.Length: > 0 } ? c : null;
    }

    private static ConditionStats? Best(RunAnalysis a, IEnumerable<string> stacks, string endpoint, double level)
        => stacks.Select(s => At(a, s, endpoint, level)).OfType<ConditionStats>().OrderByDescending(c => c.RpsEstimate.Mean).FirstOrDefault();

    private static string Lvl(double level) => level.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}
