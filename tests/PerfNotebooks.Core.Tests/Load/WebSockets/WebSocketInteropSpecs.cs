using System.Net.Sockets;
using PerfNotebooks.Core.Tests.Servers;
using PerfNotebooks.Load.WebSockets;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Load.WebSockets;

/// <summary>
/// The client's protocol pieces over a plain socket against every stack that serves WebSockets: the handshake
/// upgrades, masked load messages come back unchanged, a ping gets its pong, a close gets a close; a stack
/// that does not upgrade is a refusal with its status.
/// </summary>
public sealed class WebSocketInteropSpecs
{
    public static TheoryData<string> WebSocketStacks => [.. StackCatalog.All.Where(s => s.WebSockets).Select(s => s.Name)];

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(WebSocketStacks))]
    public async Task The_client_pieces_speak_RFC_6455_with_every_WebSocket_stack(string name)
    {
        var server = await ServerLauncher.StartAsync(StackCatalog.Get(name) with { Workers = 1 });
        var pids = server.ProcessIds();
        try
        {
            using var socket = await ConnectAsync(server);
            var handshake = WebSocketHandshake.Create(new Uri($"ws://{server.BaseUrl.Authority}/ws/echo"));
            var (outcome, leftover) = await HandshakeAsync(socket, handshake);
            Assert.Equal(WebSocketHandshakeOutcome.Upgraded, outcome);

            var reader = new WebSocketFrameReader();
            var sink = new RecordingSink();
            Assert.True(reader.Read(leftover, sink));
            var keys = MaskKeySource.Create();
            var frame = new byte[256];
            const int Messages = 50;
            for (var i = 0; i < Messages; i++)
            {
                var header = WebSocketFrameWriter.HeaderLength(100);
                WebSocketLoadMessage.Write(frame.AsSpan(header, 100), 1000 + i, 7, (uint)i);
                var length = WebSocketFrameWriter.WriteInPlace(frame, WebSocketOpcode.Text, 100, keys.Next());
                await socket.SendAsync(frame.AsMemory(0, length));
            }
            var ping = new byte[16];
            await socket.SendAsync(ping.AsMemory(0, WebSocketFrameWriter.Write(ping, WebSocketOpcode.Ping, "ping"u8, keys.Next())));
            await ReadUntilAsync(socket, reader, sink, () => sink.Messages.Count >= Messages && sink.Pongs.Count >= 1);

            for (var i = 0; i < Messages; i++)
            {
                var (opcode, length, head) = sink.Messages[i];
                Assert.Equal(WebSocketOpcode.Text, opcode);
                Assert.Equal(100, length);
                Assert.True(WebSocketLoadMessage.TryRead(head, out var ticks, out var sender, out var number));
                Assert.Equal((1000L + i, 7u, (uint)i), (ticks, sender, number));
            }
            Assert.Equal("ping"u8.ToArray(), sink.Pongs[0]);

            var close = new byte[16];
            await socket.SendAsync(close.AsMemory(0, WebSocketFrameWriter.WriteClose(close, 1000, keys.Next())));
            await ReadUntilAsync(socket, reader, sink, () => sink.Closes.Count >= 1);
            Assert.Contains(sink.Closes[0], new[] { 1000, 1005 });
            Assert.Equal(WebSocketProtocolError.None, reader.Error);
        }
        finally
        {
            await server.DisposeAsync();
        }
        ServerAssert.NothingLeft(server.Pid, pids);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stack_that_does_not_upgrade_is_a_refusal_with_the_status_it_answered()
    {
        var server = await ServerLauncher.StartAsync(StackCatalog.Get("flask-gunicorn"));
        try
        {
            foreach (var path in new[] { "/ws/echo", "/plaintext", "/nowhere" })
            {
                using var socket = await ConnectAsync(server);
                var handshake = WebSocketHandshake.Create(new Uri($"ws://{server.BaseUrl.Authority}{path}"));
                var (outcome, _) = await HandshakeAsync(socket, handshake);
                Assert.Equal(WebSocketHandshakeOutcome.Refused, outcome);
                Assert.Contains(handshake.Status, new[] { 200, 400, 404 });
                Assert.False(string.IsNullOrEmpty(handshake.Detail));
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<Socket> ConnectAsync(RunningServer server)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync("127.0.0.1", server.BaseUrl.Port);
        return socket;
    }

    private static async Task<(WebSocketHandshakeOutcome, byte[] Leftover)> HandshakeAsync(Socket socket, WebSocketHandshake handshake)
    {
        await socket.SendAsync(handshake.Request);
        var received = new List<byte>();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, timeout.Token);
            if (n == 0) throw new InvalidOperationException("the server closed before answering the handshake");
            received.AddRange(buffer.AsSpan(0, n).ToArray());
            var all = received.ToArray();
            var outcome = handshake.Read(all, out var consumed);
            if (outcome != WebSocketHandshakeOutcome.NeedMore) return (outcome, all[consumed..]);
        }
    }

    private static async Task ReadUntilAsync(Socket socket, WebSocketFrameReader reader, RecordingSink sink, Func<bool> done)
    {
        var buffer = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!done())
        {
            var n = await socket.ReceiveAsync(buffer, timeout.Token);
            if (n == 0) throw new InvalidOperationException($"the server closed the connection; {sink.Messages.Count} messages, {sink.Pongs.Count} pongs read");
            Assert.True(reader.Read(buffer.AsSpan(0, n), sink), $"protocol error {reader.Error}");
        }
    }
}
