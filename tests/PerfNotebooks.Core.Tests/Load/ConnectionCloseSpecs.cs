using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

[Collection(LoadCollection.Name)]
public sealed class ConnectionCloseSpecs
{
    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_server_that_closes_the_connection_after_each_response_is_measured_without_errors(bool saysConnectionClose)
    {
        // Gunicorn's sync worker says "Connection: close"; uWSGI just closes after the response.
        var header = saysConnectionClose ? "Connection: close\r\n" : "";
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            if (await c.ReadRequestAsync(ct)) await c.WriteAsync($"HTTP/1.1 200 OK\r\n{header}Content-Length: 5\r\n\r\nhello", ct);
        });

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 4, Requests = 300 });

        Assert.Equal(300, result.Summary.Requests);
        Assert.Equal(0, result.Errors.Total);
        Assert.InRange(result.Reconnects, 296, 300);
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
