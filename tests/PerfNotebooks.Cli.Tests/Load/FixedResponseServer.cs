using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PerfNotebooks.Cli.Tests.Load;

/// <summary>A keep-alive server on 127.0.0.1 answering every request with one fixed response.</summary>
internal sealed class FixedResponseServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _response;
    private readonly Task _accept;
    private readonly List<Task> _connections = [];
    private long _requests;

    private readonly byte[]? _alternate;
    private readonly TimeSpan _delay;

    /// <param name="alternateWith">Every second answer on a connection is this one instead.</param>
    /// <param name="delay">How long each answer waits.</param>
    public FixedResponseServer(string response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!",
        string? alternateWith = null, TimeSpan delay = default)
    {
        _response = Encoding.ASCII.GetBytes(response);
        _alternate = alternateWith is null ? null : Encoding.ASCII.GetBytes(alternateWith);
        _delay = delay;
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/plaintext";
        _accept = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    public long Requests => Interlocked.Read(ref _requests);

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
            lock (_connections) _connections.Add(Task.Run(() => ServeAsync(socket)));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var buffer = new byte[16 * 1024];
        var filled = 0;
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
                    if (_delay > TimeSpan.Zero) await Task.Delay(_delay, _stop.Token);
                    await socket.SendAsync(_alternate is not null && number % 2 == 0 ? _alternate : _response, SocketFlags.None, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
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
