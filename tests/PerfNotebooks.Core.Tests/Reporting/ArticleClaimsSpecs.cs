using System.Net;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Core.Tests.Reporting;

/// <summary>
/// Every claim of the article is shown with its sentence, its outcome and its evidence (or why it is not
/// measured); each new claim reads known figures the way its statement says.
/// </summary>
public sealed class ArticleClaimsSpecs : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Every_claim_of_the_article_is_in_the_report_with_its_sentence_its_outcome_and_its_evidence_or_reason()
    {
        var run = RunStore.Load(RepoRoot.SeedReference);
        var analysis = RunAnalysis.Of(run);
        var conclusions = RunConclusions.Of(analysis);
        var html = HtmlReport.Render(analysis, conclusions);
        var claims = conclusions.Claims;

        var article = claims.Where(c => c.Section != ArticleClaims.Toolkit).ToList();
        Assert.Equal(14, article.Count);
        Assert.Equal(4, claims.Count(c => c.Section == ArticleClaims.Toolkit));
        foreach (var quote in new[]
        {
            "Tornado ... can efficiently handle thousands of simultaneous connections.",
            "making it ideal for real-time applications such as chat systems or websockets.",
            "Flask ... may require additional configurations to handle significant traffic spikes.",
            "Django, being a high-level framework, may experience slightly higher response times compared to the other servers.",
            "Django ... may consume more system resources",
            "Flask ... offers efficient resource utilization",
            "Tornado and Gunicorn strike a balance between performance and resource utilization.",
            "Gunicorn, when properly configured, also offers decent throughput.",
        })
            Assert.Contains(article, c => c.Quote.Contains(quote, StringComparison.Ordinal));
        foreach (var c in claims)
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Evidence), $"no evidence or reason: {c.Claim}");
            Assert.Contains(WebUtility.HtmlEncode(c.Evidence), html);
            Assert.Contains(WebUtility.HtmlEncode(c.Claim), html);
            if (c.Quote.Length > 0) Assert.Contains(WebUtility.HtmlEncode(c.Quote), html);
        }
        // The stored run has every block of the seed preset: every claim a measurement can decide is decided or
        // "cannot tell"; only the three that are descriptions, not measurable claims, say why not.
        Assert.NotEqual(ClaimOutcome.NotMeasured, claims.Single(c => c.Quote.StartsWith("Tornado ... can efficiently", StringComparison.Ordinal)).Outcome);
        Assert.Equal(3, article.Count(c => c.Outcome == ClaimOutcome.NotMeasured));
        Assert.Equal(ClaimOutcome.Agrees, claims.Single(c => c.Quote == "It excels in handling a large number of concurrent connections efficiently.").Outcome);
    }

    [Fact]
    public void Django_answering_slower_than_Flask_on_the_same_server_bears_out_the_response_time_claim_and_equal_answers_do_not()
    {
        static ClaimCheck Latency(double djangoP50) => Claim(new ClaimRun()
            .Add(PlanPresets.FrameworkLatencyBlock, "django-gunicorn", "/plaintext", 1, [900, 910, 905], p50Ms: djangoP50)
            .Add(PlanPresets.FrameworkLatencyBlock, "flask-gunicorn", "/plaintext", 1, [1100, 1090, 1110], p50Ms: 1.0)
            .Add(PlanPresets.FrameworkLatencyBlock, "django-gunicorn", "/plaintext", 8, [3000, 3100, 3050], p50Ms: djangoP50 * 2)
            .Add(PlanPresets.FrameworkLatencyBlock, "flask-gunicorn", "/plaintext", 8, [3500, 3600, 3550], p50Ms: 2.0), "Response time");

        var slower = Latency(1.4);
        Assert.Equal(ClaimOutcome.Agrees, slower.Outcome);
        Assert.Equal(1.4, slower.Ratio, 2);
        Assert.Contains("p50 at 1 connection: django-gunicorn ×2 1.40 ms vs flask-gunicorn ×2", slower.Evidence);
        Assert.Contains("p99 at 8 connections", slower.Evidence);
        Assert.Equal(ClaimOutcome.Disagrees, Latency(1.0).Outcome);
    }

    [Fact]
    public void Django_using_more_CPU_and_memory_than_Flask_at_the_same_rate_bears_out_both_resource_claims()
    {
        var run = new ClaimRun()
            .Add(PlanPresets.FrameworkResourcesBlock, "django-gunicorn", "/plaintext", 500, [500, 499, 500], LoadModel.ConstantRate, cpuPer1000: 0.6, pssMb: 90)
            .Add(PlanPresets.FrameworkResourcesBlock, "flask-gunicorn", "/plaintext", 500, [500, 500, 498], LoadModel.ConstantRate, cpuPer1000: 0.4, pssMb: 60);
        var django = Claim(run, "Django ... may consume more system resources");
        Assert.Equal(ClaimOutcome.Agrees, django.Outcome);
        Assert.Equal(1.5, django.Ratio, 2);
        Assert.Contains("/plaintext at 500 req/s", django.Evidence);
        Assert.Contains("CPU-s per 1,000 requests", django.Evidence);
        var flask = Claim(run, "Flask ... offers efficient resource utilization");
        Assert.Equal(ClaimOutcome.Agrees, flask.Outcome);
        Assert.Equal(1.5, flask.Ratio, 2);

        var same = new ClaimRun()
            .Add(PlanPresets.FrameworkResourcesBlock, "django-gunicorn", "/plaintext", 500, [500, 499, 500], LoadModel.ConstantRate, cpuPer1000: 0.4, pssMb: 60)
            .Add(PlanPresets.FrameworkResourcesBlock, "flask-gunicorn", "/plaintext", 500, [500, 500, 498], LoadModel.ConstantRate, cpuPer1000: 0.4, pssMb: 60);
        Assert.Equal(ClaimOutcome.Disagrees, Claim(same, "Django ... may consume more system resources").Outcome);
    }

    [Theory]
    [InlineData(4700, 0, ClaimOutcome.Agrees)]
    [InlineData(2000, 0, ClaimOutcome.Disagrees)]
    [InlineData(4700, 0.05, ClaimOutcome.Disagrees)]
    public void Tornado_serving_thousands_of_waiting_connections_near_their_rate_without_errors_bears_out_the_throughput_claim(double rps, double errorRate, ClaimOutcome expected)
    {
        var run = new ClaimRun()
            .Add(ConnectionsTable.Block, "tornado", "/io?ms=1000", 1000, [990, 985, 995], idlePssMb: 40, pssMb: 52)
            .Add(ConnectionsTable.Block, "tornado", "/io?ms=1000", 5000, [rps, rps * 1.01, rps * 0.99], errorRate: errorRate, idlePssMb: 40, pssMb: 100)
            .Add(ConnectionsTable.Block, "flask-gunicorn", "/io?ms=1000", 5000, [2, 2, 2], errorRate: 0.9, connectErrors: 900);
        var claim = Claim(run, "Tornado ... can efficiently handle thousands of simultaneous connections.");
        Assert.Equal(expected, claim.Outcome);
        Assert.Contains("/io?ms=1000 at 5,000 connections", claim.Evidence);
        Assert.Contains("of the 5,000 req/s the connections ask for", claim.Evidence);
        Assert.Contains("12.0 kB per open connection", claim.Evidence);
        Assert.Contains("the best sync Gunicorn stack, flask-gunicorn ×2", claim.Evidence);
        if (errorRate > 0) Assert.Contains("more than the 1.0% the claim allows", claim.Evidence);
    }

    [Fact]
    public void Hundreds_of_connections_are_not_thousands_the_claim_says_what_it_needs()
    {
        var run = new ClaimRun().Add(ConnectionsTable.Block, "tornado", "/io?ms=1000", 512, [500, 505, 495]);
        var claim = Claim(run, "Tornado ... can efficiently handle thousands of simultaneous connections.");
        Assert.Equal(ClaimOutcome.NotMeasured, claim.Outcome);
        Assert.Contains("this run's most is 512", claim.Evidence);
    }

    [Fact]
    public void Gunicorn_tuned_serving_far_more_than_its_defaults_bears_out_the_properly_configured_claim()
    {
        var run = new ClaimRun()
            .Add(PlanPresets.GunicornConfigBlock, "flask-gunicorn-defaults", "/io?ms=10", 64, [90, 91, 89])
            .Add(PlanPresets.GunicornConfigBlock, "flask-gunicorn-tuned", "/io?ms=10", 64, [1800, 1850, 1790])
            .Add(PlanPresets.GunicornConfigBlock, "flask-gunicorn-defaults", "/plaintext", 64, [3000, 3010, 2990])
            .Add(PlanPresets.GunicornConfigBlock, "flask-gunicorn-tuned", "/plaintext", 64, [3100, 3050, 3120]);
        var claim = Claim(run, "Gunicorn, when properly configured, also offers decent throughput.");
        Assert.Equal(ClaimOutcome.Agrees, claim.Outcome);
        Assert.StartsWith("/io?ms=10 at 64 connections: flask-gunicorn-tuned ×", claim.Evidence);
        Assert.Contains("/plaintext at 64:", claim.Evidence);
    }

    [Fact]
    public void A_stack_both_faster_and_lighter_than_Tornado_and_Gunicorn_contradicts_the_balance_claim()
    {
        ClaimRun Throughput(double flaskPss) => new ClaimRun()
            .Add("throughput", "tornado", "/plaintext", 32, [8800, 8850, 8790], pssMb: 43)
            .Add("throughput", "flask-gunicorn", "/plaintext", 32, [5300, 5350, 5290], pssMb: flaskPss)
            .Add("throughput", "starlette-uvicorn", "/plaintext", 32, [32000, 32500, 31900], pssMb: 74);
        var front = Claim(Throughput(30), "Tornado and Gunicorn strike a balance between performance and resource utilization.");
        Assert.Equal(ClaimOutcome.Agrees, front.Outcome);
        Assert.Contains("tornado ×2 8,813 req/s, 43.0 MB: on the front", front.Evidence);

        var dominated = Throughput(71).Add("throughput", "aiohttp", "/plaintext", 32, [16400, 16500, 16450], pssMb: 37);
        var claim = Claim(dominated, "Tornado and Gunicorn strike a balance between performance and resource utilization.");
        Assert.Equal(ClaimOutcome.Disagrees, claim.Outcome);
        Assert.Contains("off the front, aiohttp (", claim.Evidence);
    }

    [Fact]
    public void A_quick_run_leaves_the_claims_it_cannot_decide_not_measured_with_what_they_need()
    {
        var run = new ClaimRun()
            .Add("quick", "tornado", "/plaintext", 64, [8800, 8850, 8790])
            .Add("quick", "flask-gunicorn", "/plaintext", 64, [5300, 5350, 5290]).Build();
        var claims = ArticleClaims.Check(RunAnalysis.Of(run));
        Assert.All(claims.Where(c => c.Outcome == ClaimOutcome.NotMeasured), c => Assert.False(string.IsNullOrWhiteSpace(c.Evidence)));
        Assert.Contains("WebSocket", claims.Single(c => c.Quote.Contains("real-time", StringComparison.Ordinal)).Evidence);
        Assert.Contains("spike", claims.Single(c => c.Quote.Contains("traffic spikes", StringComparison.Ordinal)).Evidence);
        Assert.Contains("flask-gunicorn-tuned", claims.Single(c => c.Quote.Contains("properly configured", StringComparison.Ordinal)).Evidence);
    }

    [Fact]
    public void Claims_csv_keeps_each_claims_sentence_and_section_and_an_older_file_without_them_still_reads()
    {
        var run = RunStore.Load(RepoRoot.CopyRun(RepoRoot.SeedReference, _root.Path));
        var conclusions = RunConclusions.Store(run);
        Assert.Equal(conclusions.Claims, ConclusionFiles.ReadClaims(run.Directory));
        Assert.StartsWith("claim,outcome,evidence,minimum_effect,ratio,ratio_low,ratio_high,quote,section", File.ReadLines(Path.Combine(run.Directory, RunFiles.Claims)).First());

        var old = Path.Combine(run.Directory, RunFiles.Claims);
        File.WriteAllText(old, "claim,outcome,evidence,minimum_effect,ratio,ratio_low,ratio_high\nA claim,agrees,because,1.2,2,1.5,2.5\n");
        var read = Assert.Single(ConclusionFiles.ReadClaims(run.Directory));
        Assert.Equal("", read.Quote);
        Assert.Equal(ClaimOutcome.Agrees, read.Outcome);
    }

    private static ClaimCheck Claim(ClaimRun run, string quoteStart)
        => ArticleClaims.Check(RunAnalysis.Of(run.Build())).Single(c => c.Quote.StartsWith(quoteStart, StringComparison.Ordinal) || c.Section == quoteStart && c.Quote.Length > 0);
}
