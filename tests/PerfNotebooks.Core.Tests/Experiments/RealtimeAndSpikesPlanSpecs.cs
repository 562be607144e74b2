using PerfNotebooks.Core.Tests.Experiments.Support;
using PerfNotebooks.Experiments;
using PerfNotebooks.Load;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Core.Tests.Experiments;

/// <summary>
/// The realtime and spikes blocks measured on real servers through the runner and the run store: WebSocket cells and
/// profiled cells are stored, read back with their load (rooms, profile), and decide their claims from measurements.
/// </summary>
public sealed class RealtimeAndSpikesPlanSpecs : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact(Timeout = 400_000)]
    public async Task WebSocket_blocks_and_a_spike_are_measured_stored_read_back_and_decide_their_claims()
    {
        var marked = new MarkedPlanRun();
        var realtime = PlanPresets.RealtimeMatrices();
        var spikes = PlanPresets.SpikesMatrix() with { Profile = RateProfile.Parse("spike:base=20,peak=200,at=2s,for=1s,length=5s") };
        var plan = new ExperimentPlan
        {
            Name = "realtime-and-spikes",
            Matrices =
            [
                marked.Mark(realtime[0] with { Levels = [8] }, "tornado", "aiohttp"),
                marked.Mark(realtime[2], "tornado", "aiohttp"),
                marked.Mark(spikes with { Levels = [200] }, "flask-gunicorn-defaults", "flask-gunicorn-gevent"),
            ],
            Repetitions = 2,
            Warmup = TimeSpan.FromMilliseconds(300),
            Duration = TimeSpan.FromSeconds(1),
            Cooldown = TimeSpan.FromMilliseconds(100),
            ReuseServerAcrossLevels = true,
        };
        var session = await marked.RunAsync(_root.Path, plan);

        // Read back from disk: the cells keep their WebSocket load and their profile.
        var run = RunStore.Load(session.Info.Id, _root.Path);
        var broadcast = run.Results.Where(r => r.Cell.Matrix == PlanPresets.RealtimeBroadcastBlock).ToList();
        Assert.Equal(4, broadcast.Count);
        Assert.All(broadcast, r => Assert.Equal(4, r.Cell.WebSocket?.Rooms));
        // 200 messages/s, each owed to the 15 others of its room: about 3,000 deliveries a second.
        Assert.All(broadcast, r => Assert.InRange(r.Summary.RequestsPerSecond, 1500, 3300));
        var echo = run.Results.Where(r => r.Cell.Matrix == PlanPresets.RealtimeEchoBlock).ToList();
        Assert.All(echo, r => Assert.True(r.Summary.Requests > 100 && r.Errors.Total == 0, $"{r.Cell.Id}: {r.Summary.Requests} messages, {r.Errors.Total} errors"));
        var spiked = run.Results.Where(r => r.Cell.Matrix == PlanPresets.SpikesBlock).ToList();
        Assert.All(spiked, r => Assert.Equal("spike:base=20,peak=200,at=2s,for=1s,length=5s", r.Cell.Profile?.Text));
        Assert.All(spiked, r => Assert.Equal(5, r.Summary.DurationSeconds, 0));

        var analysis = RunAnalysis.Of(run);
        var rows = SpikesTable.Build(analysis);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(5, r.Seconds.Count));
        // One sync worker serves ~100 of these a second: the spike's 200 leaves it behind, gevent keeps up.
        var defaults = rows.Single(r => r.Stack.StartsWith("flask-gunicorn-defaults", StringComparison.Ordinal));
        var gevent = rows.Single(r => r.Stack.StartsWith("flask-gunicorn-gevent", StringComparison.Ordinal));
        Assert.True(defaults.WorstP99Ms > gevent.WorstP99Ms, $"defaults worst p99 {defaults.WorstP99Ms} ms, gevent {gevent.WorstP99Ms} ms");

        var claims = ArticleClaims.Check(analysis);
        Assert.NotEqual(ClaimOutcome.NotMeasured, claims.Single(c => c.Quote.Contains("real-time", StringComparison.Ordinal)).Outcome);
        Assert.NotEqual(ClaimOutcome.NotMeasured, claims.Single(c => c.Quote.Contains("traffic spikes", StringComparison.Ordinal)).Outcome);
    }
}
