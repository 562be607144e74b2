using System.Diagnostics;
using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

[Collection(LoadCollection.Name)]
public sealed class ErrorClassificationSpecs
{
    private static readonly TimeSpan Run = TimeSpan.FromSeconds(2);

    [Fact(Timeout = 60_000)]
    public async Task Malformed_responses_are_protocol_errors_and_the_run_finishes_on_time()
    {
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            while (await c.ReadRequestAsync(ct)) await c.WriteAsync("HTPT/9 banana\r\nwhat\r\n\r\n", ct);
        });

        var (result, elapsed) = await TimedRun(server.Url());

        Assert.True(result.Errors.Protocol > 0);
        Assert.Equal(0, result.Summary.Requests);
        Assert.Equal(result.Errors.Protocol, result.Errors.Total);
        Assert.True(elapsed < Run + TimeSpan.FromSeconds(3), $"took {elapsed}");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_resets_mid_response_gives_reset_errors()
    {
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            if (await c.ReadRequestAsync(ct))
            {
                await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly part of it", ct);
                await Task.Delay(5, ct);
                c.Reset();
            }
        });

        var (result, elapsed) = await TimedRun(server.Url());

        Assert.True(result.Errors.Reset > 0);
        Assert.Equal(0, result.Summary.Requests);
        Assert.Equal(0, result.Errors.Protocol + result.Errors.Timeout + result.Errors.Write);
        Assert.True(elapsed < Run + TimeSpan.FromSeconds(3), $"took {elapsed}");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_never_answers_gives_timeouts_and_the_run_finishes_on_time()
    {
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            while (await c.ReadRequestAsync(ct))
            {
                // Read and say nothing.
            }
        });

        var (result, elapsed) = await TimedRun(server.Url(), timeout: TimeSpan.FromMilliseconds(400));

        Assert.True(result.Errors.Timeout >= 4, $"{result.Errors.Timeout} timeouts");
        Assert.Equal(0, result.Summary.Requests);
        Assert.Equal(0, result.Errors.Read + result.Errors.Protocol);
        Assert.True(elapsed < Run + TimeSpan.FromSeconds(3), $"took {elapsed}");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_port_nobody_listens_on_gives_connect_errors()
    {
        var url = new Uri("http://127.0.0.1:1/");

        var (result, elapsed) = await TimedRun(url);

        Assert.True(result.Errors.Connect > 0);
        Assert.Equal(0, result.Summary.Requests);
        Assert.True(elapsed < Run + TimeSpan.FromSeconds(3), $"took {elapsed}");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_request_count_against_a_dead_port_ends_with_every_attempt_a_connect_error()
    {
        var result = await LoadEngine.RunAsync(new LoadSpec { Url = new Uri("http://127.0.0.1:1/"), Connections = 2, Requests = 20 });

        Assert.Equal(0, result.Summary.Requests);
        Assert.InRange(result.Errors.Connect, 20, 22);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_non_2xx_response_is_never_a_success_and_is_counted_by_status_code()
    {
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            var n = 0;
            while (await c.ReadRequestAsync(ct))
            {
                var response = n++ % 2 == 0
                    ? "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy"
                    : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
                await c.WriteAsync(response, ct);
            }
        });

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 1, Requests = 100 });

        Assert.Equal(100, result.Summary.Requests);
        Assert.Equal(50, result.Errors.Status[503]);
        Assert.Equal(50, result.Errors.Total);
        Assert.Equal(50, result.Summary.Errors);
    }

    private static async Task<(LoadResult Result, TimeSpan Elapsed)> TimedRun(Uri url, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var result = await LoadEngine.RunAsync(new LoadSpec { Url = url, Connections = 4, Duration = Run, Timeout = timeout ?? TimeSpan.FromSeconds(2) });
        return (result, clock.Elapsed);
    }
}
