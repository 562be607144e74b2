using System.Text;
using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

[Collection(LoadCollection.Name)]
public sealed class ResponseParsingSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task Chunked_responses_parse_correctly()
    {
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            while (await c.ReadRequestAsync(ct))
            {
                await c.WriteAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n", ct);
                await c.WriteAsync("8;ext=1\r\n, World!\r\n", ct);
                await c.WriteAsync("0\r\nX-Trailer: yes\r\n\r\n", ct);
            }
        });

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 2, Requests = 200 });

        Assert.Equal(200, result.Summary.Requests);
        Assert.Equal(0, result.Errors.Total);
        Assert.Equal(0, result.Reconnects);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_1_MB_body_parses_correctly(bool chunked)
    {
        var body = new byte[1024 * 1024];
        new Random(1).NextBytes(body);
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            while (await c.ReadRequestAsync(ct))
            {
                if (chunked)
                {
                    await c.WriteAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", ct);
                    for (var i = 0; i < body.Length; i += 300_000)
                    {
                        var part = body.AsMemory(i, Math.Min(300_000, body.Length - i));
                        await c.WriteAsync($"{part.Length:x}\r\n", ct);
                        await c.WriteAsync(part, ct);
                        await c.WriteAsync("\r\n", ct);
                    }
                    await c.WriteAsync("0\r\n\r\n", ct);
                }
                else
                {
                    await c.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n", ct);
                    await c.WriteAsync(body, ct);
                }
            }
        });

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url(), Connections = 2, Requests = 20 });

        Assert.Equal(20, result.Summary.Requests);
        Assert.Equal(0, result.Errors.Total);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 200, false)]
    [InlineData("HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n", 404, false)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 200, false)]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", 200, true)]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", 200, false)]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", 204, false)]
    public void The_parser_finds_the_end_of_a_response_however_the_bytes_arrive(string response, int status, bool close)
    {
        var bytes = Encoding.ASCII.GetBytes(response);
        // All at once.
        var parser = new HttpResponseParser();
        Assert.Equal(ParseStatus.Complete, parser.Parse(bytes, out var consumed));
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(status, parser.StatusCode);
        Assert.Equal(close, parser.CloseAfter);

        // One byte more each time, as a slow network would hand them over.
        parser = new HttpResponseParser();
        var start = 0;
        for (var end = 1; end <= bytes.Length; end++)
        {
            var result = parser.Parse(bytes.AsSpan(start, end - start), out consumed);
            start += consumed;
            if (end < bytes.Length) Assert.Equal(ParseStatus.NeedMoreData, result);
            else Assert.Equal(ParseStatus.Complete, result);
        }
        Assert.Equal(status, parser.StatusCode);
    }

    [Theory]
    [InlineData("HTPT/1.1 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: banana\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    public void The_parser_rejects_what_is_not_HTTP(string response)
    {
        var parser = new HttpResponseParser();
        Assert.Equal(ParseStatus.Malformed, parser.Parse(Encoding.ASCII.GetBytes(response), out _));
    }

    [Fact]
    public void Pipelined_responses_are_parsed_one_at_a_time()
    {
        var bytes = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n");
        var parser = new HttpResponseParser();
        Assert.Equal(ParseStatus.Complete, parser.Parse(bytes, out var first));
        Assert.Equal(200, parser.StatusCode);
        parser.Reset();
        Assert.Equal(ParseStatus.Complete, parser.Parse(bytes.AsSpan(first), out var second));
        Assert.Equal(500, parser.StatusCode);
        Assert.Equal(bytes.Length, first + second);
    }
}
