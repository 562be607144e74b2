using PerfNotebooks.Core.Tests.Experiments.Support;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Core.Tests.Experiments;

/// <summary>
/// Django's cost and Gunicorn's configuration measured on real servers: the seed preset's blocks, shortened,
/// give the response-time, resource and properly-configured claims real figures to judge.
/// </summary>
public sealed class FrameworkCostSpecs : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact(Timeout = 300_000)]
    public async Task Django_and_Flask_on_the_same_server_and_Gunicorn_tuned_against_its_defaults_decide_their_claims_from_measurements()
    {
        var marked = new MarkedPlanRun();
        var plan = new ExperimentPlan
        {
            Name = "costs",
            Matrices = [.. PlanPresets.FrameworkCostMatrices().Select(m => marked.Mark(m)), marked.Mark(PlanPresets.GunicornConfigMatrix() with { Endpoints = ["/io?ms=10"], Levels = [16] })],
            Repetitions = 2,
            Warmup = TimeSpan.FromMilliseconds(300),
            Duration = TimeSpan.FromSeconds(1),
            Cooldown = TimeSpan.FromMilliseconds(100),
            ReuseServerAcrossLevels = true,
        };
        var session = await marked.RunAsync(_root.Path, plan);

        var analysis = RunAnalysis.Of(session.ToRecord());
        var atRate = analysis.Conditions.Where(c => c.Model == LoadModel.ConstantRate).ToList();
        Assert.Equal(2, atRate.Count);
        Assert.All(atRate, c => Assert.All(c.CpuSecondsPer1000, v => Assert.True(v > 0, $"{c.Label}: {v} CPU-s per 1,000 requests")));
        Assert.All(atRate, c => Assert.All(c.PssMb, v => Assert.True(v > 10, $"{c.Label}: {v} MB")));

        var tuned = analysis.Conditions.Single(c => c.Stack == "flask-gunicorn-tuned");
        var defaults = analysis.Conditions.Single(c => c.Stack == "flask-gunicorn-defaults");
        Assert.Equal(2 * Environment.ProcessorCount + 1, tuned.Workers);
        Assert.Equal(1, defaults.Workers);
        // 16 requests at once against 1: far more than 1.5x on a quiet machine (~10x), still more on a loaded one.
        Assert.True(tuned.RpsSample.GeometricMean > 1.5 * defaults.RpsSample.GeometricMean,
            $"tuned {tuned.RpsSample.GeometricMean} req/s vs defaults {defaults.RpsSample.GeometricMean} on /io?ms=10 at 16 connections");

        var claims = ArticleClaims.Check(analysis);
        foreach (var quote in new[]
        {
            "Django, being a high-level framework, may experience slightly higher response times",
            "Django ... may consume more system resources",
            "Flask ... offers efficient resource utilization",
            "Gunicorn, when properly configured, also offers decent throughput.",
        })
        {
            var claim = claims.Single(c => c.Quote.StartsWith(quote, StringComparison.Ordinal));
            Assert.NotEqual(ClaimOutcome.NotMeasured, claim.Outcome);
            Assert.False(double.IsNaN(claim.Ratio), claim.Evidence);
        }
    }
}
