using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

/// <summary>
/// The load engine against servers that misbehave on purpose, through its public API only (LoadEngine,
/// LoadSpec, LoadResult), so any engine behind that API must pass it. Each case checks three things: the
/// failure lands in the right error class (or, for legal but unusual HTTP, that there is none), the run
/// ends on time (duration + timeout + 1 s, whatever the server does), and nothing is left behind (no client
/// socket to the server's port, no engine thread).
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class FaultInjectionSpecs
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    [Fact(Timeout = 60_000)]
    public async Task A_server_whose_accept_queue_is_full_gives_connect_errors_and_the_run_ends_on_time()
    {
        using var listener = new UnacceptingListener();

        var result = await RunChecked(listener.Url(), listener.Port, connections: 8);

        Assert.True(result.Errors.Connect > 0, Describe(result));
        Assert.Equal(0, result.Successes);
        Assert.Equal(0, result.Errors.Read + result.Errors.Reset + result.Errors.Protocol);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_never_answers_gives_timeouts()
    {
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            while (await c.ReadRequestAsync(ct))
            {
                // Read and say nothing.
            }
        });

        var result = await RunChecked(server.Url(), server.Port, timeout: TimeSpan.FromMilliseconds(300));

        Assert.True(result.Errors.Timeout >= 4, Describe(result));
        Assert.Equal(0, result.Summary.Requests);
        Assert.Equal(result.Errors.Timeout, result.Errors.Total);
    }

    [Fact(Timeout = 60_000)]
    public async Task Garbage_instead_of_a_status_line_is_a_protocol_error_not_a_read_error()
    {
        // No line end at all: refused from its first bytes, not left to time out.
        await using var server = ScriptedHttpServer.Raw("SSH-2.0-OpenSSH_9.2");

        var result = await RunChecked(server.Url(), server.Port);

        Assert.True(result.Errors.Protocol > 0, Describe(result));
        Assert.Equal(result.Errors.Protocol, result.Errors.Total);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_reset_in_the_middle_of_the_headers_is_a_reset_error()
    {
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            if (!await c.ReadRequestAsync(ct)) return;
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Le", ct);
            await Task.Delay(5, ct);
            c.Reset();
        });

        var result = await RunChecked(server.Url(), server.Port);

        Assert.True(result.Errors.Reset > 0, Describe(result));
        Assert.Equal(result.Errors.Reset, result.Errors.Total);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_resets_after_3_requests_on_a_connection_fails_every_fourth()
    {
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            for (var n = 1; await c.ReadRequestAsync(ct); n++)
            {
                if (n == 4) { c.Reset(); return; }
                await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", ct);
            }
        });

        var result = await RunChecked(server.Url(), server.Port);

        var failed = result.Errors.Reset + result.Errors.Read;
        Assert.True(result.Successes > 30, Describe(result));
        Assert.Equal(failed, result.Errors.Total);
        // One failure per three successes on each connection, give or take each connection's unfinished cycle.
        Assert.InRange(failed, result.Successes / 3 - 4, result.Successes / 3 + 4);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_resets_every_second_request_is_counted_as_errors_never_hidden()
    {
        // Issue 8's case: the engine used to re-send silently and report 0 errors; wrk counts ~50% read errors.
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            for (var n = 1; await c.ReadRequestAsync(ct); n++)
            {
                if (n == 2) { c.Reset(); return; }
                await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", ct);
            }
        });

        var result = await RunChecked(server.Url(), server.Port);

        Assert.True(result.Attempts > 50, Describe(result));
        Assert.True(result.Errors.Total >= 0.45 * result.Attempts, Describe(result));
        Assert.Equal(result.Errors.Reset + result.Errors.Read, result.Errors.Total);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_close_in_the_middle_of_the_body_is_a_read_error()
    {
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            if (!await c.ReadRequestAsync(ct)) return;
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part of it", ct);
            c.Socket.Shutdown(SocketShutdown.Send);
            await Task.Delay(50, ct);
        });

        var result = await RunChecked(server.Url(), server.Port);

        Assert.True(result.Errors.Read > 0, Describe(result));
        Assert.Equal(result.Errors.Read, result.Errors.Total);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_body_dribbled_one_byte_every_5_ms_is_waited_for_and_succeeds()
    {
        var body = new string('x', 40);
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            while (await c.ReadRequestAsync(ct))
            {
                await c.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n", ct);
                await c.DribbleAsync(Encoding.ASCII.GetBytes(body), TimeSpan.FromMilliseconds(5), ct);
            }
        });

        var result = await RunChecked(server.Url(), server.Port, duration: TimeSpan.FromSeconds(1.5), timeout: TimeSpan.FromSeconds(2), connections: 2);

        Assert.True(result.Successes >= 2, Describe(result));
        Assert.Equal(0, result.Errors.Total);
        Assert.True(result.Summary.Latency.P50 >= 200_000, $"p50 {result.Summary.Latency.P50} us for 40 bytes 5 ms apart");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_2_MiB_body_is_read_whole()
    {
        var body = new byte[2 * 1024 * 1024];
        new Random(2).NextBytes(body);
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            while (await c.ReadRequestAsync(ct))
            {
                await c.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n", ct);
                await c.WriteAsync(body, ct);
            }
        });

        var result = await RunChecked(server.Url(), server.Port, timeout: TimeSpan.FromSeconds(2), connections: 2);

        Assert.True(result.Successes > 2, Describe(result));
        Assert.Equal(0, result.Errors.Total);
        Assert.Equal(0, result.Reconnects);
    }

    [Fact(Timeout = 60_000)]
    public async Task Interim_1xx_responses_before_the_final_one_are_skipped()
    {
        await using var server = ScriptedHttpServer.Raw(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n" +
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        var result = await RunChecked(server.Url(), server.Port);

        Assert.True(result.Successes > 10, Describe(result));
        Assert.Equal(0, result.Errors.Total);
        Assert.Equal(0, result.Reconnects);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_101_Switching_Protocols_ends_the_exchange_as_a_non_2xx_answer()
    {
        await using var server = ScriptedHttpServer.Raw("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x02hi");

        var result = await RunChecked(server.Url(), server.Port);

        Assert.True(result.Errors.Status.GetValueOrDefault(101) > 0, Describe(result));
        Assert.Equal(result.Errors.Status[101], result.Errors.Total);
        Assert.True(result.Reconnects > 0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Chunked_bodies_with_extensions_and_trailers_succeed()
    {
        await using var server = ScriptedHttpServer.Raw(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n" +
            "5;name=value;quoted=\"a \\\"b\\\" c\"\r\nHello\r\n8;flag\r\n, World!\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n");

        var result = await RunChecked(server.Url(), server.Port);

        Assert.True(result.Successes > 10, Describe(result));
        Assert.Equal(0, result.Errors.Total);
        Assert.Equal(0, result.Reconnects);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_body_without_Content_Length_is_read_until_the_server_closes()
    {
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            if (!await c.ReadRequestAsync(ct)) return;
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n", ct);
            await c.WriteAsync(new string('x', 5000), ct);
        });

        var result = await RunChecked(server.Url(), server.Port, connections: 2);

        Assert.True(result.Successes > 10, Describe(result));
        Assert.Equal(0, result.Errors.Total);
        Assert.InRange(result.Reconnects, result.Successes - 2, result.Successes);
    }

    [Fact(Timeout = 60_000)]
    public async Task HTTP_1_0_with_keep_alive_keeps_the_connection()
    {
        await using var server = ScriptedHttpServer.Raw("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok");

        var result = await RunChecked(server.Url(), server.Port, connections: 2);

        Assert.True(result.Successes > 10, Describe(result));
        Assert.Equal(0, result.Errors.Total);
        Assert.Equal(0, result.Reconnects);
        Assert.Equal(2, server.Connections);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("5", "6")]
    [InlineData("5", "5")]
    public async Task A_duplicate_Content_Length_is_a_protocol_error(string first, string second)
    {
        await using var server = ScriptedHttpServer.Raw($"HTTP/1.1 200 OK\r\nContent-Length: {first}\r\nContent-Length: {second}\r\n\r\nhello!");

        var result = await RunChecked(server.Url(), server.Port);

        Assert.True(result.Errors.Protocol > 0, Describe(result));
        Assert.Equal(result.Errors.Protocol, result.Errors.Total);
    }

    [Fact(Timeout = 60_000)]
    public async Task LF_only_line_ends_are_a_protocol_error_at_once_never_a_timeout()
    {
        await using var server = ScriptedHttpServer.Raw("HTTP/1.1 200 OK\nContent-Length: 2\n\nok");

        var result = await RunChecked(server.Url(), server.Port, timeout: TimeSpan.FromSeconds(5));

        Assert.True(result.Errors.Protocol > 10, Describe(result));
        Assert.Equal(result.Errors.Protocol, result.Errors.Total);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_closing_an_idle_keep_alive_connection_is_no_error()
    {
        // A keep-alive timeout of 40 ms after each response against requests 400 ms apart on each connection: every
        // connection is closed while idle, with no request on it. The engine sees the close and reconnects, and
        // the fresh connection waits for its first request as servers do (nginx's client_header_timeout is 60 s),
        // so no request is ever in flight when the server closes: any error here is the engine's.
        await using var server = new ScriptedHttpServer(async (c, ct) =>
        {
            var wait = TimeSpan.FromSeconds(30);
            while (await c.ReadRequestWithinAsync(wait, ct))
            {
                await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", ct);
                wait = TimeSpan.FromMilliseconds(40);
            }
        });

        var result = await RunChecked(server.Url(), server.Port, duration: TimeSpan.FromSeconds(2.5), connections: 2, rate: 5);

        Assert.True(result.Successes >= 8, Describe(result));
        Assert.True(result.Errors.Total == 0, Describe(result));
        Assert.True(result.Reconnects >= 5, Describe(result));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(300)]
    [InlineData(1500)]
    public async Task Cancelling_while_connections_open_or_requests_wait_ends_the_run_at_once(int cancelAfterMs)
    {
        // A notebook cell cancelled (or Ctrl-C) at any moment: here while every connect is pending in a full
        // accept queue (300 ms), and once the one connection that got through waits for an answer (1.5 s).
        using var listener = new UnacceptingListener();
        using var cancel = new CancellationTokenSource(cancelAfterMs);
        var clock = Stopwatch.StartNew();

        var result = await LoadEngine.RunAsync(new LoadSpec { Url = listener.Url(), Connections = 8, Duration = TimeSpan.FromSeconds(60), Timeout = TimeSpan.FromSeconds(60) }, cancellationToken: cancel.Token);

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(cancelAfterMs) + TimeSpan.FromSeconds(1), $"took {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal(0, result.Successes);
        Assert.True(await ProcessResources.EventuallyAsync(() => ProcessResources.ClientSocketsTo(listener.Port) == 0, TimeSpan.FromSeconds(1)));
        Assert.Equal(0, ProcessResources.ThreadsNamed("perfnb-load"));
    }

    /// <summary>
    /// Runs the load and checks what every case must hold: the run ended within duration + timeout + 1 s, no
    /// client socket to the server is left open, and no engine thread is left.
    /// </summary>
    private static async Task<LoadResult> RunChecked(Uri url, int port, TimeSpan? duration = null, TimeSpan? timeout = null, int connections = 4, double? rate = null)
    {
        var spec = new LoadSpec
        {
            Url = url,
            Connections = connections,
            Duration = duration ?? Duration,
            Timeout = timeout ?? Timeout,
            Rate = rate,
        };
        Assert.Equal(0, ProcessResources.ClientSocketsTo(port));

        var clock = Stopwatch.StartNew();
        var result = await LoadEngine.RunAsync(spec);
        var elapsed = clock.Elapsed;

        var bound = spec.Duration + spec.Timeout + TimeSpan.FromSeconds(1);
        Assert.True(elapsed <= bound, $"the run took {elapsed.TotalSeconds:0.00} s, over duration + timeout + 1 s = {bound.TotalSeconds:0.00} s");
        Assert.True(await ProcessResources.EventuallyAsync(() => ProcessResources.ClientSocketsTo(port) == 0, TimeSpan.FromSeconds(1)),
            $"{ProcessResources.ClientSocketsTo(port)} client sockets to port {port} left open");
        Assert.Equal(0, ProcessResources.ThreadsNamed("perfnb-load"));
        return result;
    }

    private static string Describe(LoadResult r)
    {
        var e = r.Errors;
        return $"{r.Successes} successes, {r.Reconnects} reconnects; errors: connect {e.Connect}, read {e.Read}, reset {e.Reset}, write {e.Write}, " +
               $"timeout {e.Timeout}, protocol {e.Protocol}, status {string.Join(",", e.Status.Select(p => $"{p.Key}:{p.Value}"))}";
    }
}
