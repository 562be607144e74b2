using HdrHistogram;
using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

[Collection(LoadCollection.Name)]
public sealed class ConstantRateSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task A_constant_rate_of_500_per_second_for_4_seconds_completes_2000_requests_within_2_percent()
    {
        int group;
        using (var nginx = await NginxServer.StartAsync())
        {
            group = nginx.ProcessGroup;
            var result = await LoadEngine.RunAsync(new LoadSpec { Url = nginx.Url(), Connections = 16, Rate = 500, Duration = TimeSpan.FromSeconds(4) });

            Assert.InRange(result.Summary.Requests, 1960, 2040);
            Assert.Equal(0, result.Errors.Total);
            Assert.InRange(result.Summary.DurationSeconds, 3.9, 4.3);
        }
        Assert.Empty(ProcessGroups.Members(group));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_target_rate_the_server_cannot_keep_up_with_is_said_in_the_result()
    {
        // 2 connections, 50 ms per answer: at most ~40 req/s against a target of 200.
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            while (await c.ReadRequestAsync(ct))
            {
                await Task.Delay(50, ct);
                await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", ct);
            }
        });

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 2, Rate = 200, Duration = TimeSpan.FromSeconds(1.5) });

        Assert.True(result.MissedTargetRate);
        Assert.Equal(200, result.TargetRate);
        Assert.InRange(result.AchievedRate!.Value, 1, 0.95 * 200);
        Assert.StartsWith("target 200 req/s, achieved ", result.MissedTargetRateText);
        var json = LoadResultJson.Serialize(result);
        Assert.Contains("\"targetRate\":200", json);
        Assert.Contains("\"missedTarget\":true", json);
        Assert.True(LoadResultJson.Deserialize(json).MissedTargetRate);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_target_rate_that_is_met_is_not_flagged_and_closed_loop_has_no_target()
    {
        await using var server = ScriptedHttpServer.Fixed();

        var paced = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 2, Rate = 100, Duration = TimeSpan.FromSeconds(1.5) });
        var closed = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 2, Requests = 50 });

        Assert.False(paced.MissedTargetRate, $"achieved {paced.AchievedRate} of 100");
        Assert.Null(paced.MissedTargetRateText);
        Assert.Null(closed.TargetRate);
        Assert.Null(closed.AchievedRate);
        Assert.DoesNotContain("missedTarget", LoadResultJson.Serialize(closed));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_stalls_once_for_a_second_shows_in_the_corrected_p99_but_not_the_uncorrected()
    {
        // The whole server stalls for 1 s once (like a GC pause), about a second into the run.
        var stallUntil = 0L;
        var stalled = 0;
        var seen = 0L;
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            while (await c.ReadRequestAsync(ct))
            {
                if (Interlocked.Increment(ref seen) >= 500 && Interlocked.Exchange(ref stalled, 1) == 0)
                    Interlocked.Exchange(ref stallUntil, Environment.TickCount64 + 1000);
                var wait = Interlocked.Read(ref stallUntil) - Environment.TickCount64;
                if (wait > 0) await Task.Delay((int)wait, ct);
                await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", ct);
            }
        });

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 10, Rate = 500, Duration = TimeSpan.FromSeconds(4) });

        var corrected = result.Corrected.GetValueAtPercentile(99);
        var uncorrected = result.Uncorrected.GetValueAtPercentile(99);
        Assert.True(corrected >= 300_000, $"corrected p99 {corrected} us should show the 1 s stall");
        Assert.True(uncorrected < 100_000, $"uncorrected p99 {uncorrected} us should hide the stall");
        Assert.True(result.Uncorrected.GetMaxValue() >= 500_000, "the requests caught in the stall are still in the uncorrected histogram");
        Assert.Equal(0, result.Errors.Total);
    }
}
