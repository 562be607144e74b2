using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PerfNotebooks.Cli.Tests.Load;

/// <summary>A keep-alive server on 127.0.0.1 answering every request with one fixed response; it counts the requests and the connections it accepted.</summary>
internal sealed class FixedResponseServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _response;
    private readonly Task _accept;
    private readonly List<Task> _connections = [];
    private long _requests;
    private int _accepted;

    private readonly byte[]? _alternate;
    private readonly TimeSpan _delay;
    private readonly int? _resetOnRequest;

    /// <param name="response">The answer to every request.</param>
    /// <param name="alternateWith">Every second answer on a connection is this one instead.</param>
    /// <param name="delay">How long each answer waits.</param>
    /// <param name="resetOnRequest">The request of each connection, counting from 1, that is answered with a reset (RST) instead.</param>
    public FixedResponseServer(string response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!",
        string? alternateWith = null, TimeSpan delay = default, int? resetOnRequest = null)
    {
        _response = Encoding.ASCII.GetBytes(response);
        _alternate = alternateWith is null ? null : Encoding.ASCII.GetBytes(alternateWith);
        _delay = delay;
        _resetOnRequest = resetOnRequest;
        _listener.Start(1024);
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/plaintext";
        _accept = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    public long Requests => Interlocked.Read(ref _requests);

    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptAsync()
    {
        while (true)
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
            Interlocked.Increment(ref _accepted);
            lock (_connections) _connections.Add(Task.Run(() => ServeAsync(socket)));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var buffer = new byte[16 * 1024];
        var filled = 0;
        var served = 0;
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token);
                if (n == 0) return;
                filled += n;
                int end;
                while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) >= 0)
                {
                    var number = Interlocked.Increment(ref _requests);
                    buffer.AsSpan(end + 4, filled - end - 4).CopyTo(buffer);
                    filled -= end + 4;
                    if (++served == _resetOnRequest)
                    {
                        socket.LingerState = new LingerOption(true, 0);
                        socket.Close(); // RST, no answer
                        return;
                    }
                    if (_delay > TimeSpan.Zero) await Task.Delay(_delay, _stop.Token);
                    await socket.SendAsync(_alternate is not null && number % 2 == 0 ? _alternate : _response, SocketFlags.None, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accept;
        Task[] all;
        lock (_connections) all = _connections.ToArray();
        await Task.WhenAll(all);
    }
}
