using System.Net;
using System.Net.Sockets;
using System.Text;
using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;
using PerfNotebooks.Load.WebSockets;

namespace PerfNotebooks.Core.Tests.Load.WebSockets;

/// <summary>
/// The engine's WebSocket client against a scripted server on 127.0.0.1 that does what the Python stacks here do not
/// by default: pings before every echo (the client must answer each with a pong carrying its payload, and go on),
/// checks that every client frame is masked, and closes the connection with a close frame after a few messages (the
/// client opens again and goes on; the message it was waiting for is a read error).
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class WebSocketServerBehaviourSpecs
{
    [Fact(Timeout = 120_000)]
    public async Task Pings_are_answered_with_their_payload_and_a_close_from_the_server_is_followed_by_a_new_connection()
    {
        await using var server = new ScriptedWebSocketServer(closeAfter: 50);
        var result = await LoadEngine.RunAsync(new LoadSpec { Url = server.Url, Connections = 2, Requests = 400, Timeout = TimeSpan.FromSeconds(5) });

        Assert.Equal(400, result.Summary.Requests + result.Errors.Total);
        Assert.Equal(0, server.UnmaskedFrames);
        // Every ping before an echo got its pong back, with the ping's payload; only the last ping of a connection the
        // server then closed (or of the run) can go unanswered.
        Assert.True(server.Pongs >= server.Pings - server.Connections, $"{server.Pings} pings, {server.Pongs} pongs, {server.Connections} connections");
        Assert.True(server.Pings > 100, $"{server.Pings} pings");
        Assert.Equal(0, server.WrongPongs);
        // The server closed every connection after 50 messages: the clients opened new ones and went on.
        Assert.True(server.Connections >= 400 / 50, $"{server.Connections} connections");
        Assert.InRange(result.Errors.Read, 0, server.Connections);
        Assert.Equal(0, result.Errors.Protocol);
    }

    /// <summary>A minimal RFC 6455 echo server: handshake, then per client message a ping ("p" + a counter) and the echo; a close frame after <c>closeAfter</c> messages.</summary>
    private sealed class ScriptedWebSocketServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accept;
        private readonly int _closeAfter;
        private readonly List<Task> _clients = [];
        private int _pings, _pongs, _wrongPongs, _unmasked, _connections;

        public ScriptedWebSocketServer(int closeAfter)
        {
            _closeAfter = closeAfter;
            _listener.Start();
            Url = new Uri($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/ws/echo");
            _accept = Task.Run(AcceptAsync);
        }

        public Uri Url { get; }
        public int Pings => Volatile.Read(ref _pings);
        public int Pongs => Volatile.Read(ref _pongs);
        public int WrongPongs => Volatile.Read(ref _wrongPongs);
        public int UnmaskedFrames => Volatile.Read(ref _unmasked);
        public int Connections => Volatile.Read(ref _connections);

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync(_stop.Token);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                socket.NoDelay = true; // a ping and its echo are two small writes: no Nagle wait between them
                Interlocked.Increment(ref _connections);
                lock (_clients) _clients.Add(Task.Run(() => ServeAsync(socket)));
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            using var _ = socket;
            using var stream = new NetworkStream(socket, ownsSocket: false);
            try
            {
                var head = await ReadHeadAsync(stream);
                var key = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase)).Select(p => p[1].Trim()).First();
                var answer = $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {WebSocketHandshake.AcceptFor(key)}\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), _stop.Token);
                var messages = 0;
                var expectedPong = "";
                while (!_stop.IsCancellationRequested)
                {
                    var (opcode, payload) = await ReadFrameAsync(stream);
                    if (opcode == WebSocketOpcode.Pong)
                    {
                        Interlocked.Increment(ref _pongs);
                        if (Encoding.ASCII.GetString(payload) != expectedPong) Interlocked.Increment(ref _wrongPongs);
                        continue;
                    }
                    if (opcode == WebSocketOpcode.Close) return;
                    expectedPong = "p" + messages.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await stream.WriteAsync(ServerFrames.Frame(WebSocketOpcode.Ping, Encoding.ASCII.GetBytes(expectedPong)), _stop.Token);
                    Interlocked.Increment(ref _pings);
                    await stream.WriteAsync(ServerFrames.Frame(opcode, payload), _stop.Token);
                    if (++messages == _closeAfter)
                    {
                        await stream.WriteAsync(ServerFrames.Frame(WebSocketOpcode.Close, [0x03, 0xE9]), _stop.Token); // 1001 going away
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or EndOfStreamException)
            {
            }
        }

        private async Task<string> ReadHeadAsync(NetworkStream stream)
        {
            var bytes = new List<byte>();
            var one = new byte[1];
            while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
            {
                if (await stream.ReadAsync(one, _stop.Token) == 0) throw new EndOfStreamException();
                bytes.Add(one[0]);
            }
            return Encoding.ASCII.GetString(bytes.ToArray());
        }

        private async Task<(WebSocketOpcode, byte[])> ReadFrameAsync(NetworkStream stream)
        {
            var header = new byte[2];
            await stream.ReadExactlyAsync(header, _stop.Token);
            var opcode = (WebSocketOpcode)(header[0] & 0x0F);
            var masked = (header[1] & 0x80) != 0;
            if (!masked) Interlocked.Increment(ref _unmasked);
            long length = header[1] & 0x7F;
            if (length == 126)
            {
                var ext = new byte[2];
                await stream.ReadExactlyAsync(ext, _stop.Token);
                length = ext[0] << 8 | ext[1];
            }
            else if (length == 127)
            {
                var ext = new byte[8];
                await stream.ReadExactlyAsync(ext, _stop.Token);
                length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(ext);
            }
            var key = new byte[4];
            if (masked) await stream.ReadExactlyAsync(key, _stop.Token);
            var payload = new byte[length];
            await stream.ReadExactlyAsync(payload, _stop.Token);
            for (var i = 0; i < payload.Length; i++) payload[i] ^= key[i & 3];
            return (opcode, payload);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _accept;
            }
            catch (OperationCanceledException)
            {
            }
            Task[] clients;
            lock (_clients) clients = [.. _clients];
            await Task.WhenAll(clients);
            _stop.Dispose();
        }
    }
}
