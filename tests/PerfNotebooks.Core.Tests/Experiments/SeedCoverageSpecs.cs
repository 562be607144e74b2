using PerfNotebooks.Experiments;
using PerfNotebooks.Metrics;
using PerfNotebooks.Reporting;
using Xunit.Abstractions;

namespace PerfNotebooks.Core.Tests.Experiments;

/// <summary>
/// The seed preset decides every claim of the article a measurement can decide, within 30 minutes on 2 cores: each
/// claim is judged on a run made of the seed plan's own cells (synthetic figures: what is checked is which blocks the
/// claims find, not what they conclude).
/// </summary>
public sealed class SeedCoverageSpecs(ITestOutputHelper output)
{
    [Fact]
    public void The_seed_preset_measures_every_claim_within_30_minutes_on_2_cores()
    {
        var plan = PlanPresets.Seed();
        var estimate = plan.EstimatedDuration();
        output.WriteLine($"seed: {plan.Cells().Count} cells, about {estimate.TotalMinutes:0.0} minutes");
        Assert.True(estimate <= TimeSpan.FromMinutes(30), $"the seed preset takes about {estimate.TotalMinutes:0.0} minutes");

        var results = plan.Cells().Select(c => SyntheticRun.Cell(c) is var r && c.Profile is { } profile
            ? r with
            {
                Summary = r.Summary with { DurationSeconds = profile.Length.TotalSeconds },
                Timeline = Enumerable.Range(0, (int)profile.Length.TotalSeconds)
                    .Select(s => new TimelineSecond(s, (long)profile.Requests(s, s + 1), 0, 2_000, s >= profile.SpikeStart && s < profile.SpikeEnd + 2 ? 200_000 : 5_000)).ToList(),
            }
            : r).ToList();
        var run = new RunRecord
        {
            Directory = Path.GetTempPath(),
            Info = new RunInfo { Id = "seed-coverage", Plan = plan, Environment = SyntheticRun.Environment(), Status = RunStatus.Complete },
            Results = results,
        };
        var claims = ArticleClaims.Check(RunAnalysis.Of(run));
        foreach (var c in claims) output.WriteLine($"{c.Outcome}: {c.Claim} | {c.Evidence}");
        // Left unmeasured: only what no load can decide (packaging, popularity, a description); never "needs ...".
        var missing = claims.Where(c => c.Outcome == ClaimOutcome.NotMeasured && (c.Evidence.StartsWith("needs", StringComparison.Ordinal) || c.Evidence.Contains("this run", StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing.Select(c => $"{c.Claim}: {c.Evidence}")));
        Assert.True(claims.Count(c => c.Outcome != ClaimOutcome.NotMeasured) >= 15, $"{claims.Count(c => c.Outcome != ClaimOutcome.NotMeasured)} claims decided");
    }
}
