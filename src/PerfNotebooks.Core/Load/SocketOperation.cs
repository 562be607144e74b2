using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace PerfNotebooks.Load;

/// <summary>
/// One connection's socket operations (connect, send, receive) through a single
/// <see cref="SocketAsyncEventArgs"/> that outlives the sockets it serves, awaitable as a ValueTask.
/// Socket.ConnectAsync(EndPoint) and the socket's own ValueTask Send/ReceiveAsync create two event-args
/// objects per socket (cached on the socket, so they die with it): against a server that closes after
/// every response that was most of the ~1.6 KB allocated per request. Here only the Socket (and what the
/// runtime hangs on it) is new per connect. Failures come back as a negative result and
/// <see cref="LastError"/>, not as exceptions: a refused or reset connection is an expected, counted event
/// on this path, and throwing costs far more than the syscall. Completions run the awaiting loop inline
/// on the completing thread (the epoll thread under DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1), with
/// no execution context captured: no thread-pool hop between the connect and the first send.
/// </summary>
internal sealed class SocketOperation : SocketAsyncEventArgs, IValueTaskSource<int>
{
    private ManualResetValueTaskSourceCore<int> _core;

    public SocketOperation(EndPoint remote) : base(unsafeSuppressExecutionContextFlow: true)
    {
        RemoteEndPoint = remote;
        _core.RunContinuationsAsynchronously = false;
    }

    /// <summary>The error of the last operation that returned a negative result.</summary>
    public SocketError LastError { get; private set; }

    /// <summary>Connects <paramref name="socket"/> to the endpoint given at construction; 0 on success, -1 on failure.</summary>
    public ValueTask<int> ConnectAsync(Socket socket)
    {
        // No buffer: on Unix a connect with a buffer also sends it.
        SetBuffer(Memory<byte>.Empty);
        _core.Reset();
        bool pending;
        try
        {
            pending = socket.ConnectAsync(this);
        }
        catch (ObjectDisposedException)
        {
            return Fail(SocketError.OperationAborted);
        }
        catch (SocketException e)
        {
            return Fail(e.SocketErrorCode);
        }
        return pending ? new ValueTask<int>(this, _core.Version) : CompletedNow();
    }

    /// <summary>Sends what it can of <paramref name="buffer"/>; the byte count, or -1 on failure.</summary>
    public ValueTask<int> SendAsync(Socket socket, Memory<byte> buffer)
    {
        SetBuffer(buffer);
        _core.Reset();
        bool pending;
        try
        {
            pending = socket.SendAsync(this);
        }
        catch (ObjectDisposedException)
        {
            return Fail(SocketError.OperationAborted);
        }
        return pending ? new ValueTask<int>(this, _core.Version) : CompletedNow();
    }

    /// <summary>Receives into <paramref name="buffer"/>; the byte count (0 at EOF), or -1 on failure.</summary>
    public ValueTask<int> ReceiveAsync(Socket socket, Memory<byte> buffer)
    {
        SetBuffer(buffer);
        _core.Reset();
        bool pending;
        try
        {
            pending = socket.ReceiveAsync(this);
        }
        catch (ObjectDisposedException)
        {
            return Fail(SocketError.OperationAborted);
        }
        return pending ? new ValueTask<int>(this, _core.Version) : CompletedNow();
    }

    private ValueTask<int> CompletedNow()
    {
        if (SocketError == SocketError.Success) return new ValueTask<int>(BytesTransferred);
        LastError = SocketError;
        return new ValueTask<int>(-1);
    }

    private ValueTask<int> Fail(SocketError error)
    {
        LastError = error;
        return new ValueTask<int>(-1);
    }

    protected override void OnCompleted(SocketAsyncEventArgs e)
    {
        if (SocketError == SocketError.Success)
        {
            _core.SetResult(BytesTransferred);
        }
        else
        {
            LastError = SocketError;
            _core.SetResult(-1);
        }
    }

    int IValueTaskSource<int>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);
}
