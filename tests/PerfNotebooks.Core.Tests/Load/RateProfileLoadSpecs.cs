using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Load;

/// <summary>
/// Rate profiles driven by the engine against real stacks (127.0.0.1): each second offers what the profile asks for,
/// and a server that cannot keep up shows its queue in the latency measured from the intended send times.
/// Bounds are generous: the machine is shared.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class RateProfileLoadSpecs
{
    [Fact(Timeout = 180_000)]
    public async Task Each_second_of_a_spike_offers_what_the_profile_asks_for()
    {
        var profile = RateProfile.Parse("spike:base=100,peak=400,at=1s,for=1s,length=3s");
        IReadOnlyList<int> pids;
        await using (var server = await ServerLauncher.StartAsync(StackCatalog.Get("starlette-uvicorn")))
        {
            pids = server.ProcessIds();
            var result = await LoadEngine.RunAsync(new LoadSpec
            {
                Url = new Uri(server.BaseUrl, "/plaintext"), Connections = 16, Profile = profile, Duration = profile.Length, Warmup = TimeSpan.FromMilliseconds(500),
            });

            Assert.Equal(0, result.Errors.Total);
            var seconds = result.Timeline.Where(t => t.Second is >= 0 and < 3).OrderBy(t => t.Second).Select(t => t.Requests).ToArray();
            Assert.Equal(3, seconds.Length);
            Assert.InRange(seconds[0], 80, 120);
            Assert.InRange(seconds[1], 320, 480);
            Assert.InRange(seconds[2], 80, 120);
            Assert.Equal(200, result.TargetRate!.Value, 0);
            Assert.False(result.MissedTargetRate);
        }
        ProcessGroups.AssertAllGone(pids);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_single_process_server_meeting_a_spike_builds_a_queue_that_the_corrected_latency_shows_until_it_drains()
    {
        // Tornado is one process: /cpu?n=100 costs ~5 ms of CPU, so it serves at most ~200 req/s here, and 400 for a
        // second leaves a backlog that drains within the 8 s after the spike even when a loaded machine serves at a
        // third of that. (Not Gunicorn's sync worker: it blocks on whichever idle connection it accepted first, so
        // its latency before the spike already depends on the order of accepts.)
        var profile = RateProfile.Parse("spike:base=20,peak=400,at=1s,for=1s,length=10s");
        IReadOnlyList<int> pids;
        await using (var server = await ServerLauncher.StartAsync(StackCatalog.Get("tornado")))
        {
            pids = server.ProcessIds();
            var result = await LoadEngine.RunAsync(new LoadSpec
            {
                Url = new Uri(server.BaseUrl, "/cpu?n=100"), Connections = 64, Profile = profile, Duration = profile.Length,
                Warmup = TimeSpan.FromMilliseconds(500), Timeout = TimeSpan.FromSeconds(10),
            });

            var p99 = result.Timeline.Where(t => t.Second is >= 0 and < 10).OrderBy(t => t.Second).Select(t => t.P99).ToArray();
            Assert.Equal(10, p99.Length);
            var before = p99[0];
            var worst = p99.Skip(1).Max();
            Assert.True(worst > 10 * before, $"p99 per second (us): {string.Join(", ", p99)}");
            // The corrected histogram holds the queue; the uncorrected one (from the actual send) hides most of it.
            Assert.True(result.Corrected.GetValueAtPercentile(99) > result.Uncorrected.GetValueAtPercentile(99));
            Assert.True(p99[^1] < worst, $"p99 per second (us): {string.Join(", ", p99)}");
        }
        ProcessGroups.AssertAllGone(pids);
    }
}
