using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// "Tornado ... can efficiently handle thousands of simultaneous connections", read as: at 1,000 or more
/// connections, each waiting on a long request (/io?ms=N), Tornado serves at least 0.8 of what the connections
/// ask for (connections / wait, the most a closed loop can get) and fails at most 1% of requests. Judged on
/// the ratio of Tornado's req/s to that ceiling with the same interval as every claim; the best sync Gunicorn
/// stack at the same condition, Tornado's memory per connection and any limit it hit are in the evidence.
/// </summary>
internal static class ThousandsClaim
{
    /// <summary>"Efficiently": at least this share of the rate the connections ask for.</summary>
    public const double Efficiently = 0.8;

    /// <summary>"Thousands": at least this many connections.</summary>
    public const int Thousands = 1000;

    /// <summary>"Handles" them: at most this share of requests fails.</summary>
    public const double MostErrors = 0.01;

    private static readonly string[] SyncGunicorn = ["flask-gunicorn", "django-gunicorn"];

    public static ClaimCheck Check(RunAnalysis a)
    {
        const string claim = "Tornado serves thousands of simultaneous connections, each waiting on I/O, at no less than 0.8 of the rate they ask for, failing at most 1% of requests.";
        var tornado = a.Conditions
            .Where(c => c.Stack == "tornado" && c.Model == LoadModel.ClosedLoop && c.Rps.Length > 0 && c.Workers == a.UsualWorkers(c.Stack)
                        && ConnectionsTable.WaitMs(c.Endpoint) is > 0)
            .ToList();
        var most = tornado.Count == 0 ? 0 : tornado.Max(c => c.Level);
        if (most < Thousands)
            return ClaimJudge.NotMeasured(claim, Efficiently,
                $"needs tornado at {ClaimJudge.Lvl(Thousands)} or more connections on /io?ms=N (the connections block: the seed preset reaches 5,000, the connections preset 10,000); "
                + (tornado.Count == 0 ? "this run has none" : $"this run's most is {ClaimJudge.Lvl(most)}") + $" (quick mode stops at {ClaimJudge.Lvl(PlanPresets.QuickMaxConnections)}).");

        // The longest wait (most connections held per request served), then the most connections.
        var c = tornado.Where(t => t.Level >= Thousands).OrderByDescending(t => ConnectionsTable.WaitMs(t.Endpoint)).ThenByDescending(t => t.Level).First();
        var wait = ConnectionsTable.WaitMs(c.Endpoint)!.Value;
        var asked = c.Level * 1000.0 / wait;
        var ceiling = RepetitionSample.Of(Enumerable.Repeat(asked, c.Rps.Length).ToArray());
        var numbers = $"{c.Endpoint} at {ClaimJudge.Lvl(c.Level)} connections: {c.Label} {ClaimJudge.RpsAndP99(c)} of the {Numbers.ThreeFigures(asked)} req/s the connections ask for, "
            + $"{Numbers.Share(c.MeanErrorRate)} of requests failed: ";
        var check = ClaimJudge.Judge(claim, c.RpsSample, ceiling, Efficiently, numbers, c);

        var extra = new List<string>();
        if (c.PssPerConnectionKb.Where(double.IsFinite).ToList() is { Count: > 0 } memory)
            extra.Add($"Tornado held about {Numbers.ThreeFigures(memory.Average())} kB per open connection");
        if (ClaimJudge.Best(a, SyncGunicorn, c.Endpoint, c.Level) is { } sync)
            extra.Add($"the best sync Gunicorn stack, {sync.Label}, served {Numbers.ThreeFigures(sync.RpsSample.GeometricMean)} req/s and failed {Numbers.Share(sync.MeanErrorRate)}");
        var serverCores = a.Run.Info.Plan.Placement?.ServerCoreCount ?? Math.Max(1, a.Run.Info.Environment.Cores);
        if (ConnectionLimitNotes.Explain(c, a.Run.Info.Environment.Limits, a.Run.Info.Plan.TimeoutOf(c.Cells[0].Cell), serverCores) is { } why)
            extra.Add("Tornado's shortfall: " + why.TrimEnd('.'));
        var evidence = check.Evidence + (extra.Count > 0 ? " " + string.Join("; ", extra) + "." : "");

        if (c.MeanErrorRate > MostErrors && check.Outcome != ClaimOutcome.Disagrees)
            return check with { Outcome = ClaimOutcome.Disagrees, Evidence = evidence + $" Tornado failed {Numbers.Share(c.MeanErrorRate)} of requests, more than the {Numbers.Share(MostErrors)} the claim allows." };
        return check with { Evidence = evidence };
    }
}
