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
