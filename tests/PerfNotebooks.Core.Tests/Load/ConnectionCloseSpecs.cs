using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

[Collection(LoadCollection.Name)]
public sealed class ConnectionCloseSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task A_server_that_says_Connection_close_after_each_response_is_measured_without_errors()
    {
        // Gunicorn's sync worker says "Connection: close" and closes: legal, so a reconnect and no error.
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            if (await c.ReadRequestAsync(ct)) await c.WriteAsync("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello", ct);
        });

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 4, Requests = 300 });

        Assert.Equal(300, result.Summary.Requests);
        Assert.Equal(0, result.Errors.Total);
        Assert.InRange(result.Reconnects, 296, 300);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_closes_after_each_response_without_saying_so_fails_the_request_sent_into_the_close()
    {
        // What uWSGI's plain http-socket did: HTTP/1.1, no "Connection: close", then close. Each connection serves
        // one request; then either its close is seen before the next request goes out (a keep-alive close of an
        // idle connection: a reconnect) or the next request goes out into the close and gets no answer (a read
        // or reset error, as wrk counts it, never re-sent). Which of the two depends on when the close arrives,
        // but every close is exactly one of them, and every request ends exactly once.
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            if (await c.ReadRequestAsync(ct)) await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", ct);
        });

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 4, Requests = 300 });

        var failed = result.Errors.Read + result.Errors.Reset;
        Assert.Equal(300, result.Attempts);
        Assert.Equal(failed, result.Errors.Total);
        Assert.Equal(300 - failed, result.Successes);
        Assert.True(result.Successes > 0, "no request was answered");
        // Every answered request was followed by its connection's close: a reconnect, or the next request's error.
        Assert.InRange(result.Reconnects + failed, result.Successes - 4, result.Successes);
    }

    [Fact(Timeout = 60_000)]
    public async Task Against_a_real_server_that_closes_after_every_response_every_request_reconnects_without_errors_and_allocates_little()
    {
        // nginx with keepalive_timeout 0: a fast server that closes every connection, so the reconnect path is
        // the whole request cycle. The allocation bound is generous: the runtime's Socket and its async context
        // are new per connection (~0.75 KB measured here), while the path that created two event args per
        // socket allocated ~1.55 KB per request; a Task or exception per connect would go far past it.
        int group;
        using (var nginx = await NginxServer.StartAsync(closeAfterEachResponse: true))
        {
            group = nginx.ProcessGroup;
            var result = await LoadEngine.RunAsync(new LoadSpec
            {
                Url = nginx.Url(),
                Connections = 8,
                Duration = TimeSpan.FromSeconds(3),
                Warmup = TimeSpan.FromMilliseconds(500),
            });

            var requests = result.Summary.Requests;
            Assert.True(requests > 300, $"only {requests} requests");
            Assert.Equal(0, result.Errors.Total);
            Assert.InRange(result.Reconnects, requests - 8, requests);
            Assert.InRange(result.Client.AllocatedBytesPerRequest, 0, 1200);
        }
        Assert.Empty(ProcessGroups.Members(group));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_close_delimited_HTTP_1_0_body_is_read_to_the_end()
    {
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            if (await c.ReadRequestAsync(ct))
            {
                await c.WriteAsync("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n", ct);
                await c.WriteAsync(new string('x', 10_000), ct);
            }
        });

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 2, Requests = 50 });

        Assert.Equal(50, result.Summary.Requests);
        Assert.Equal(0, result.Errors.Total);
    }
}
