using System.Net;
using System.Net.Sockets;

namespace PerfNotebooks.Core.Tests.Load.Support;

/// <summary>
/// A socket on 127.0.0.1 listening with backlog 0 that never accepts: its accept queue is full after the first
/// handshake, so the kernel drops further SYNs and a client's connect would wait for minutes of SYN retries.
/// </summary>
public sealed class UnacceptingListener : IDisposable
{
    private readonly Socket _listener;

    public UnacceptingListener()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(0);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public Uri Url(string path = "/") => new($"http://127.0.0.1:{Port}{path}");

    public void Dispose() => _listener.Dispose();
}
