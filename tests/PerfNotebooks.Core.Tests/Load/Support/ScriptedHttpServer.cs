using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PerfNotebooks.Core.Tests.Load.Support;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 whose behaviour each test scripts: a handler gets one accepted
/// connection and decides what to answer (delay, close, garbage, reset, silence). Real sockets, no mocks.
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<ServerConnection, CancellationToken, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private long _requests;
    private long _accepted;

    public ScriptedHttpServer(Func<ServerConnection, CancellationToken, Task> handler)
    {
        _handler = handler;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(512);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public Uri Url(string path = "/") => new($"http://127.0.0.1:{Port}{path}");

    /// <summary>Requests read by all connections so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    private volatile string? _lastRequestHead;
    private volatile byte[]? _lastRequestBody;

    /// <summary>The last request's raw head, for checks on what the client sent.</summary>
    public string? LastRequestHead { get => _lastRequestHead; internal set => _lastRequestHead = value; }

    /// <summary>The last request's body.</summary>
    public byte[]? LastRequestBody { get => _lastRequestBody; internal set => _lastRequestBody = value; }

    internal long CountRequest() => Interlocked.Increment(ref _requests);

    /// <summary>Connections accepted so far.</summary>
    public long Connections => Interlocked.Read(ref _accepted);

    /// <summary>Answers every request on a connection with exactly <paramref name="response"/>, keeping the connection.</summary>
    public static ScriptedHttpServer Raw(string response) => Raw(Encoding.Latin1.GetBytes(response));

    /// <inheritdoc cref="Raw(string)"/>
    public static ScriptedHttpServer Raw(byte[] response) => new(async (c, ct) =>
    {
        while (await c.ReadRequestAsync(ct)) await c.WriteAsync(response, ct);
    });

    /// <summary>Answers every request with a fixed 200 response (keep-alive).</summary>
    public static ScriptedHttpServer Fixed(string body = "Hello, World!") => new(async (c, ct) =>
    {
        var response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");
        while (await c.ReadRequestAsync(ct)) await c.WriteAsync(response, ct);
    });

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            socket.NoDelay = true;
            Interlocked.Increment(ref _accepted);
            var connection = new ServerConnection(this, socket);
            lock (_connections) _connections.Add(Task.Run(async () =>
            {
                try
                {
                    await _handler(connection, _stop.Token);
                }
                catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
                {
                }
                finally
                {
                    connection.Dispose();
                }
            }));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Dispose();
        await _acceptLoop;
        Task[] all;
        lock (_connections) all = _connections.ToArray();
        await Task.WhenAll(all).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}

/// <summary>One accepted connection with just enough HTTP/1.1 request reading for the scripts.</summary>
public sealed class ServerConnection : IDisposable
{
    private readonly ScriptedHttpServer _server;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    internal ServerConnection(ScriptedHttpServer server, Socket socket)
    {
        _server = server;
        Socket = socket;
    }

    public Socket Socket { get; }

    /// <summary>Reads one request (head and Content-Length body); false when the client closed.</summary>
    public async Task<bool> ReadRequestAsync(CancellationToken ct)
    {
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var headEnd = span.IndexOf("\r\n\r\n"u8);
            if (headEnd >= 0)
            {
                var head = Encoding.ASCII.GetString(span[..headEnd]);
                var length = 0;
                foreach (var line in head.Split("\r\n"))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line[15..].Trim());
                }
                var total = headEnd + 4 + length;
                if (span.Length >= total)
                {
                    _server.LastRequestHead = head;
                    _server.LastRequestBody = span.Slice(headEnd + 4, length).ToArray();
                    _start += total;
                    _server.CountRequest();
                    return true;
                }
            }
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            var n = await Socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, ct);
            if (n == 0) return false;
            _end += n;
        }
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        while (!bytes.IsEmpty)
        {
            var n = await Socket.SendAsync(bytes, SocketFlags.None, ct);
            bytes = bytes[n..];
        }
    }

    public Task WriteAsync(string text, CancellationToken ct) => WriteAsync(Encoding.Latin1.GetBytes(text), ct);

    /// <summary>Sends <paramref name="bytes"/> one byte at a time, <paramref name="gap"/> apart (a slow network or a slow server).</summary>
    public async Task DribbleAsync(ReadOnlyMemory<byte> bytes, TimeSpan gap, CancellationToken ct)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            await WriteAsync(bytes.Slice(i, 1), ct);
            await Task.Delay(gap, ct);
        }
    }

    /// <summary>Waits up to <paramref name="within"/> for the client's next request; false when none came (or the client closed).</summary>
    public async Task<bool> ReadRequestWithinAsync(TimeSpan within, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        linked.CancelAfter(within);
        try
        {
            return await ReadRequestAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Closes with RST instead of FIN: the client sees "connection reset".</summary>
    public void Reset()
    {
        Socket.LingerState = new LingerOption(true, 0);
        Socket.Close();
    }

    public void Dispose() => Socket.Dispose();
}
