using System.Diagnostics;
using System.Text;
using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

[Collection(LoadCollection.Name)]
public sealed class ClosedLoopSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task I_can_send_exactly_1000_requests_to_a_real_server_and_every_one_is_counted()
    {
        int group;
        using (var nginx = await NginxServer.StartAsync())
        {
            group = nginx.ProcessGroup;
            var result = await LoadEngine.RunAsync(new LoadSpec { Url = nginx.Url(), Connections = 8, Requests = 1000 });

            Assert.Equal(1000, result.Summary.Requests);
            Assert.Equal(1000, result.Corrected.TotalCount);
            Assert.Equal(1000, result.Uncorrected.TotalCount);
            Assert.Equal(0, result.Errors.Total);
            Assert.Equal(1000, result.Timeline.Sum(t => t.Requests));
            Assert.True(result.Summary.RequestsPerSecond > 0);
        }
        Assert.Empty(ProcessGroups.Members(group));
    }

    [Fact(Timeout = 60_000)]
    public async Task I_can_pipeline_requests_and_still_get_an_exact_count()
    {
        int group;
        using (var nginx = await NginxServer.StartAsync())
        {
            group = nginx.ProcessGroup;
            var result = await LoadEngine.RunAsync(new LoadSpec { Url = nginx.Url(), Connections = 4, Requests = 1003, Pipeline = 8 });

            Assert.Equal(1003, result.Summary.Requests);
            Assert.Equal(0, result.Errors.Total);
        }
        Assert.Empty(ProcessGroups.Members(group));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_answers_after_20_ms_has_a_median_between_20_and_30_ms()
    {
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            while (await c.ReadRequestAsync(ct))
            {
                await Task.Delay(20, ct);
                await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", ct);
            }
        });

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 4, Duration = TimeSpan.FromSeconds(2) });

        Assert.InRange(result.Summary.Latency.P50, 19_950, 30_000); // 20-30 ms, less HdrHistogram's 16 us bucket at 20 ms
        Assert.True(result.Summary.Requests > 50, $"only {result.Summary.Requests} requests");
        Assert.Equal(0, result.Errors.Total);
    }

    [Fact(Timeout = 60_000)]
    public async Task I_can_post_a_body_with_extra_headers()
    {
        await using var server = ScriptedHttpServer.Fixed();
        var body = Encoding.UTF8.GetBytes("{\"hello\":\"world\"}");

        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            Url = server.Url("/echo?x=1"),
            Connections = 2,
            Requests = 10,
            Method = "POST",
            Body = body,
            Headers = [new("X-Perfnb-Test", "yes"), new("Content-Type", "application/json")],
        });

        Assert.Equal(10, result.Summary.Requests);
        Assert.StartsWith("POST /echo?x=1 HTTP/1.1", server.LastRequestHead);
        Assert.Contains("X-Perfnb-Test: yes", server.LastRequestHead);
        Assert.Contains($"Content-Length: {body.Length}", server.LastRequestHead);
        Assert.Equal(body, server.LastRequestBody);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_warm_up_is_driven_but_not_recorded()
    {
        await using var server = ScriptedHttpServer.Fixed();

        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            Url = server.Url(),
            Connections = 2,
            Requests = 100,
            Warmup = TimeSpan.FromMilliseconds(500),
        });

        Assert.Equal(100, result.Summary.Requests);
        Assert.True(server.Requests > 100, $"the server saw {server.Requests} requests: no warm-up load");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_timed_run_counts_the_answers_that_arrive_inside_its_window_even_to_warm_up_requests()
    {
        // Each answer takes 500 ms. Warm-up 100 ms, then 1.6 s measured (window 0.1-1.7 s): each connection's
        // answers arrive at 0.5, 1.0 and 1.5 s, inside the window, so 3 each (12); the 4th (2.0 s) comes after
        // it. Counting by send time would drop the first (sent at 0, in the warm-up) and the 4th: 2 each (8).
        // Queueing servers (Gunicorn sync at 256 connections) live in that difference.
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            while (await c.ReadRequestAsync(ct))
            {
                await Task.Delay(500, ct);
                await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", ct);
            }
        });
        // A first run JITs both sides: in a fresh test process the first answers otherwise take ~1 s, not 0.5 s.
        await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 4, Requests = 4 });

        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            Url = server.Url(),
            Connections = 4,
            Warmup = TimeSpan.FromMilliseconds(100),
            Duration = TimeSpan.FromSeconds(1.6),
        });

        // More than send-time counting can reach; a late third answer on a busy machine may cost one or two.
        Assert.InRange(result.Summary.Requests, 9, 12);
        Assert.Equal(0, result.Errors.Total);
        Assert.InRange(result.Summary.Latency.P50, 450_000, 1_000_000); // 3 significant digits: 500.1 ms may read 499.97
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancelling_a_run_ends_it_early_and_returns_what_was_measured()
    {
        await using var server = ScriptedHttpServer.Fixed();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var clock = Stopwatch.StartNew();

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 4, Duration = TimeSpan.FromSeconds(30) }, null, cancel.Token);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.True(result.Summary.Requests > 0);
        Assert.InRange(result.Summary.DurationSeconds, 1.0, 5.0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Progress_is_reported_about_once_a_second()
    {
        await using var server = ScriptedHttpServer.Fixed();
        var reports = new List<LoadProgress>();
        var progress = new SynchronousProgress(p => { lock (reports) reports.Add(p); });

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 2, Duration = TimeSpan.FromSeconds(3) }, progress);

        Assert.InRange(reports.Count, 2, 4);
        Assert.True(reports[^1].Requests > 0);
        Assert.InRange(result.Timeline.Count, 3, 4);
    }

    [Fact(Timeout = 60_000)]
    public async Task In_steady_state_the_engine_allocates_almost_nothing_per_request()
    {
        int group;
        using (var nginx = await NginxServer.StartAsync())
        {
            group = nginx.ProcessGroup;
            var result = await LoadEngine.RunAsync(new LoadSpec { Url = nginx.Url(), Connections = 16, Duration = TimeSpan.FromSeconds(3) });

            Assert.True(result.Summary.Requests > 10_000, $"only {result.Summary.Requests} requests");
            // Generous: the target is ~0; runtime background work (tiered JIT) also allocates.
            Assert.InRange(result.Client.AllocatedBytesPerRequest, 0, 16);
        }
        Assert.Empty(ProcessGroups.Members(group));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_bad_spec_is_one_clear_error_before_anything_is_sent()
    {
        await using var server = ScriptedHttpServer.Fixed();
        var error = await Assert.ThrowsAsync<PerfNotebooksException>(() => LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 0 }));
        Assert.Contains("1 or more", error.Message);
        error = await Assert.ThrowsAsync<PerfNotebooksException>(() => LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Rate = -1 }));
        Assert.Contains("above 0", error.Message);
        Assert.Equal(0, server.Requests);
    }

    private sealed class SynchronousProgress(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
