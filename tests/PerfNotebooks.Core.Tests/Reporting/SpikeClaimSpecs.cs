using PerfNotebooks.Experiments;
using PerfNotebooks.Load;
using PerfNotebooks.Metrics;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Core.Tests.Reporting;

/// <summary>
/// A traffic spike read second by second (offered vs served, p99, recovery from the spike's end until the p99 is
/// back within 2x), and the Flask claim judged on it; the timelines are made up with known shapes.
/// </summary>
public sealed class SpikeClaimSpecs
{
    private static readonly RateProfile Spike = RateProfile.Parse("spike:base=40,peak=400,at=3s,for=3s,length=12s");

    /// <summary>A 12-second timeline: p99 5 ms before the spike, <paramref name="spikeP99"/> during it, then back to 5 ms after <paramref name="recovery"/> seconds (never when null).</summary>
    private static List<TimelineSecond> Timeline(double spikeP99, int? recovery, long errorsPerSpikeSecond = 0)
        => Enumerable.Range(0, 12).Select(s =>
        {
            var during = s >= 3 && s < 6;
            var slow = during || (s >= 6 && (recovery is null || s < 6 + recovery));
            var served = (long)Spike.Requests(s, s + 1);
            return new TimelineSecond(s, served, during ? errorsPerSpikeSecond : 0, 2_000, (long)((slow ? spikeP99 : 5) * 1000));
        }).ToList();

    private static CellResult Cell(IReadOnlyList<TimelineSecond> timeline)
    {
        var run = new ClaimRun().Add(PlanPresets.SpikesBlock, "tornado", "/io?ms=10", 400, [100], LoadModel.ConstantRate, profile: Spike, timeline: _ => timeline).Build();
        return run.Results.Single();
    }

    [Fact]
    public void Each_second_says_what_was_offered_and_served_and_recovery_counts_from_the_spikes_end()
    {
        var response = SpikeAnalysis.Of(Cell(Timeline(spikeP99: 900, recovery: 3)))!;
        Assert.Equal(12, response.Seconds.Count);
        Assert.Equal(40, response.Seconds[0].Offered, 6);
        Assert.Equal(400, response.Seconds[4].Offered, 6);
        Assert.Equal(5, response.BaselineP99Ms);
        Assert.Equal(900, response.WorstP99Ms);
        Assert.Equal(3, response.RecoverySeconds);
        Assert.Equal(4, response.RecoveryScore);
        Assert.Equal(6, response.SecondsAfterSpike);

        Assert.Equal(0, SpikeAnalysis.Of(Cell(Timeline(spikeP99: 900, recovery: 0)))!.RecoverySeconds);
        var never = SpikeAnalysis.Of(Cell(Timeline(spikeP99: 900, recovery: null)))!;
        Assert.Null(never.RecoverySeconds);
        Assert.Equal(7, never.RecoveryScore);
    }

    [Fact]
    public void One_quiet_second_in_a_slow_recovery_is_not_the_recovery()
    {
        var timeline = Timeline(spikeP99: 900, recovery: 4).ToList();
        timeline[7] = timeline[7] with { P99 = 5_000 };
        Assert.Equal(4, SpikeAnalysis.Of(Cell(timeline))!.RecoverySeconds);
    }

    [Fact]
    public void Flask_with_its_defaults_recovering_far_slower_than_configured_bears_out_the_claim_and_alike_does_not()
    {
        ClaimCheck Judge(int? defaultsRecovery, int? geventRecovery, long defaultsErrors = 0, bool vary = true)
        {
            var run = new ClaimRun()
                .Add(PlanPresets.SpikesBlock, "flask-gunicorn-defaults", "/io?ms=10", 400, [80, 82, 79], LoadModel.ConstantRate, profile: Spike,
                    timeline: rep => Timeline(2000, defaultsRecovery is null ? null : defaultsRecovery + (vary ? rep % 2 : 0), defaultsErrors))
                .Add(PlanPresets.SpikesBlock, "flask-gunicorn-gevent", "/io?ms=10", 400, [100, 101, 99], LoadModel.ConstantRate, profile: Spike,
                    timeline: rep => Timeline(40, geventRecovery is null ? null : geventRecovery + (vary ? rep % 2 : 0)))
                .Add(PlanPresets.SpikesBlock, "tornado", "/io?ms=10", 400, [100, 101, 99], LoadModel.ConstantRate, profile: Spike,
                    timeline: rep => Timeline(20, 0));
            return ArticleClaims.Check(RunAnalysis.Of(run.Build())).Single(c => c.Quote.Contains("traffic spikes", StringComparison.Ordinal));
        }

        var slow = Judge(defaultsRecovery: null, geventRecovery: 0);
        Assert.True(slow.Outcome == ClaimOutcome.Agrees, slow.Evidence);
        Assert.Contains("tornado ×2 recovered in 0 s", slow.Evidence);
        Assert.Contains(Spike.Text, slow.Evidence);

        var alike = Judge(defaultsRecovery: 0, geventRecovery: 0, vary: false);
        Assert.True(alike.Outcome == ClaimOutcome.Disagrees, alike.Evidence);

        var failing = Judge(defaultsRecovery: 0, geventRecovery: 0, defaultsErrors: 100, vary: false);
        Assert.Equal(ClaimOutcome.Agrees, failing.Outcome);
        Assert.Contains("that alone bears the claim out", failing.Evidence);
    }

    [Fact]
    public void Flask_with_its_defaults_still_behind_at_the_end_of_the_run_where_configured_served_everything_bears_out_the_claim()
    {
        // Both recover in about the same time by the p99 (a wide interval), but the defaults served half of what was asked.
        IReadOnlyList<TimelineSecond> Behind(int rep) => Timeline(2000, 0).Select(t => t.Second >= 3 ? t with { Requests = t.Requests / 2 } : t).ToList();
        var run = new ClaimRun()
            .Add(PlanPresets.SpikesBlock, "flask-gunicorn-defaults", "/io?ms=10", 400, [60, 61, 59], LoadModel.ConstantRate, profile: Spike, timeline: Behind)
            .Add(PlanPresets.SpikesBlock, "flask-gunicorn-gevent", "/io?ms=10", 400, [100, 101, 99], LoadModel.ConstantRate, profile: Spike, timeline: rep => Timeline(40, rep % 2));
        var check = ArticleClaims.Check(RunAnalysis.Of(run.Build())).Single(c => c.Quote.Contains("traffic spikes", StringComparison.Ordinal));

        Assert.True(check.Outcome == ClaimOutcome.Agrees, check.Evidence);
        Assert.Contains("the rest still queued", check.Evidence);
    }

    [Fact]
    public void The_seed_and_spikes_presets_meet_a_tenfold_spike_and_quick_mode_keeps_its_shape_in_a_third_of_the_time()
    {
        var block = PlanPresets.Spikes().Matrices.Single();
        Assert.Equal(PlanPresets.SpikesBlock, block.Label);
        Assert.Equal(10, block.Profile!.PeakRate / block.Profile.StartRate, 6);
        Assert.Contains(block.Stacks, s => s.Name == "flask-gunicorn-defaults" && s.Workers == 1);
        Assert.Contains(block.Stacks, s => s.Name == "flask-gunicorn" && s.Workers == 2 * Environment.ProcessorCount + 1);
        Assert.Contains(PlanPresets.Seed().Matrices, m => m.Label == PlanPresets.SpikesBlock);
        var plan = PlanPresets.Spikes();
        var cell = plan.Cells()[0];
        Assert.Equal(TimeSpan.FromSeconds(12), plan.DurationOf(cell));
        Assert.Contains("_pspike-base-40-peak-400", cell.Id);
        var quick = PlanPresets.Shrink(plan);
        Assert.Equal(TimeSpan.FromSeconds(4), quick.DurationOf(quick.Cells()[0]));
    }
}
