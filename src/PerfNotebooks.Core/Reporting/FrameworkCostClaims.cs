using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// The article's claims about Django's and Flask's cost, checked fairly: the two frameworks as minimal apps
/// under the same server with the same settings (Gunicorn, sync workers), so a difference is the framework's.
/// Response time from the framework-latency block (1 and 8 connections), resources from the
/// framework-resources block (one fixed rate both sustain), load from the throughput block.
/// </summary>
internal static class FrameworkCostClaims
{
    /// <summary>"Slightly higher": beyond the noise band, at least 1.05 times.</summary>
    public const double Slightly = 1.05;

    private const string Django = "django-gunicorn";
    private const string Flask = "flask-gunicorn";
    private const string Plaintext = "/plaintext";

    /// <summary>Django under high load vs Flask on the same server: Flask's req/s over Django's.</summary>
    public static ClaimCheck UnderLoad(RunAnalysis a)
    {
        const string claim = "Under high load Django serves fewer requests per second than Flask on the same server and settings (Gunicorn, sync workers).";
        if (a.ReferenceLevel(Plaintext) is not { } level)
            return ClaimJudge.NotMeasured(claim, SeedClaims.Better, "needs django-gunicorn and flask-gunicorn on /plaintext under load (the quick and seed presets measure both).");
        var django = ClaimJudge.At(a, Django, Plaintext, level);
        var flask = ClaimJudge.At(a, Flask, Plaintext, level);
        if (django is null || flask is null)
            return ClaimJudge.NotMeasured(claim, SeedClaims.Better, $"needs django-gunicorn and flask-gunicorn on /plaintext at {ClaimJudge.Lvl(level)} connections.");
        return ClaimJudge.Judge(claim, flask.RpsSample, django.RpsSample, SeedClaims.Better,
            $"/plaintext at {ClaimJudge.Lvl(level)} connections: {flask.Label} {ClaimJudge.RpsAndP99(flask)} vs {django.Label} {ClaimJudge.RpsAndP99(django)}: ", flask, django);
    }

    /// <summary>Django's p50 over Flask's at 1 connection on /plaintext; p99 and 8 connections in the evidence.</summary>
    public static ClaimCheck Latency(RunAnalysis a)
    {
        const string claim = "Django's response times are higher than Flask's on the same server and settings (Gunicorn, sync workers; p50 at the fewest connections measured, 1 to 8).";
        var levels = Shared(a, LoadModel.ClosedLoop).Where(l => l <= MostConnectionsForLatency).ToList();
        if (levels.Count == 0)
            return ClaimJudge.NotMeasured(claim, Slightly, $"needs django-gunicorn and flask-gunicorn at 1 to 8 connections on /plaintext (the '{PlanPresets.FrameworkLatencyBlock}' block of the seed preset measures 1 and 8).");
        var low = levels.Min();
        var (django, flask) = Pair(a, LoadModel.ClosedLoop, low);
        var extra = new List<string>();
        foreach (var level in levels)
        {
            var (d, f) = Pair(a, LoadModel.ClosedLoop, level);
            if (level != low) extra.Add($"p50 at {Connections(level)} {Ratio(RepetitionSample.Of(d.P50Ms), RepetitionSample.Of(f.P50Ms))}");
            extra.Add($"p99 at {Connections(level)} {Ratio(d.P99Sample, f.P99Sample)}");
        }
        var numbers = $"/plaintext, both under Gunicorn with {django.Workers} sync workers (other figures, Django over Flask: {string.Join("; ", extra)}). "
            + $"p50 at {Connections(low)}: {django.Label} {Numbers.ThreeFigures(RepetitionSample.Of(django.P50Ms).GeometricMean)} ms vs {flask.Label} {Numbers.ThreeFigures(RepetitionSample.Of(flask.P50Ms).GeometricMean)} ms: ";
        return ClaimJudge.Judge(claim, RepetitionSample.Of(django.P50Ms), RepetitionSample.Of(flask.P50Ms), Slightly, numbers, django, flask);
    }

    /// <summary>Django's server CPU-seconds per 1,000 requests over Flask's at the same fixed rate; memory in the evidence.</summary>
    public static ClaimCheck DjangoResources(RunAnalysis a)
    {
        const string claim = "Django uses more server CPU per request than Flask on the same server and settings, at a rate both sustain.";
        if (Resources(a) is not var (django, flask, rate))
            return NotMeasuredResources(claim);
        return ClaimJudge.Judge(claim, RepetitionSample.Of(django.CpuSecondsPer1000), RepetitionSample.Of(flask.CpuSecondsPer1000), SeedClaims.Better,
            ResourceNumbers(django, flask, rate) + $"CPU per 1,000 requests, Django over Flask: ", django, flask);
    }

    /// <summary>Django's memory (PSS of the whole process tree) over Flask's at the same fixed rate; CPU in the evidence.</summary>
    public static ClaimCheck FlaskResources(RunAnalysis a)
    {
        const string claim = "Flask holds less memory than Django on the same server and settings, at a rate both sustain (the server's whole process tree, PSS).";
        if (Resources(a) is not var (django, flask, rate))
            return NotMeasuredResources(claim);
        return ClaimJudge.Judge(claim, RepetitionSample.Of(django.PssMb), RepetitionSample.Of(flask.PssMb), SeedClaims.Better,
            ResourceNumbers(django, flask, rate) + $"memory, Django over Flask: ", django, flask);
    }

    private static ClaimCheck NotMeasuredResources(string claim)
        => ClaimJudge.NotMeasured(claim, SeedClaims.Better,
            $"needs django-gunicorn and flask-gunicorn at the same fixed rate on /plaintext (the '{PlanPresets.FrameworkResourcesBlock}' block of the seed preset, {Numbers.ThreeFigures(PlanPresets.FrameworkCostRate)} req/s).");

    private static string ResourceNumbers(ConditionStats django, ConditionStats flask, double rate)
    {
        string One(ConditionStats c) => $"{c.Label} {Numbers.ThreeFigures(RepetitionSample.Of(c.CpuSecondsPer1000).GeometricMean)} CPU-s per 1,000 requests, {Numbers.ThreeFigures(RepetitionSample.Of(c.PssMb).GeometricMean)} MB";
        return $"/plaintext at {Numbers.ThreeFigures(rate)} req/s, both under Gunicorn with {django.Workers} sync workers: {One(django)} vs {One(flask)} "
            + $"(CPU {Ratio(RepetitionSample.Of(django.CpuSecondsPer1000), RepetitionSample.Of(flask.CpuSecondsPer1000))}, memory {Ratio(RepetitionSample.Of(django.PssMb), RepetitionSample.Of(flask.PssMb))}). ";
    }

    private static (ConditionStats Django, ConditionStats Flask, double Rate)? Resources(RunAnalysis a)
    {
        var rates = Shared(a, LoadModel.ConstantRate);
        if (rates.Count == 0) return null;
        var rate = rates.Max();
        var (django, flask) = Pair(a, LoadModel.ConstantRate, rate);
        return (django, flask, rate);
    }

    /// <summary>Response time is compared where requests hardly queue: at most this many connections on two sync workers.</summary>
    private const double MostConnectionsForLatency = 8;

    /// <summary>Load levels of one model at which both Django and Flask (at their usual worker counts) have measured /plaintext, whatever block measured them.</summary>
    private static List<double> Shared(RunAnalysis a, LoadModel model)
    {
        var conditions = Measured(a, model).ToList();
        return conditions.Where(c => c.Stack == Django).Select(c => c.Level)
            .Intersect(conditions.Where(c => c.Stack == Flask).Select(c => c.Level)).Order().ToList();
    }

    private static (ConditionStats Django, ConditionStats Flask) Pair(RunAnalysis a, LoadModel model, double level)
    {
        var at = Measured(a, model).Where(c => c.Level == level).ToList();
        return (at.First(c => c.Stack == Django), at.First(c => c.Stack == Flask));
    }

    private static IEnumerable<ConditionStats> Measured(RunAnalysis a, LoadModel model)
        => a.Conditions.Where(c => c.Model == model && c.Endpoint == Plaintext && c.Rps.Length > 0 && c.Workers == a.UsualWorkers(c.Stack)
                                   && (c.Stack == Django || c.Stack == Flask));

    private static string Ratio(RepetitionSample a, RepetitionSample b)
        => RatioStatistics.Compare(a, b) is { } r ? Numbers.RatioWithInterval(r.Ratio, r.Low, r.High) : "n/a";

    private static string Connections(double level) => level == 1 ? "1 connection" : $"{ClaimJudge.Lvl(level)} connections";
}
