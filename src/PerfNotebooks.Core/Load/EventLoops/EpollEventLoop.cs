using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PerfNotebooks.Load.Native;
using PerfNotebooks.Native;

namespace PerfNotebooks.Load.EventLoops;

/// <summary>
/// The portable backend: non-blocking sockets registered once with an edge-triggered epoll for input, output and the
/// peer's close. Per keep-alive request that is one send, one recv and a share of one epoll_wait (wrk pays two more
/// epoll_ctl calls per request to switch write interest on and off). Every read lands in one 64 KiB buffer per loop
/// and is parsed in place.
/// </summary>
internal sealed unsafe class EpollEventLoop : EventLoop
{
    private const int ReceiveBufferBytes = 64 * 1024;
    private const ulong WakeTag = ulong.MaxValue;
    private static bool s_noEpollPwait2;

    private readonly int _maxEvents;
    private readonly WakeEvent _wake = new();
    private int _epollFd = -1;
    private byte* _events;
    private byte[]? _buffer;
    private byte* _bufferStart;

    public EpollEventLoop(LoadRun run, int id, int connectionCount, int connectLimit)
        : base(run, id, connectionCount, connectLimit)
    {
        _maxEvents = Math.Clamp(connectionCount + 1, 16, 1024);
    }

    public override string Backend => "epoll";

    protected override void Initialize()
    {
        _epollFd = NativeMethods.epoll_create1(NativeMethods.EpollCloExec);
        if (_epollFd < 0) throw new InvalidOperationException("epoll_create1 failed: " + Errno.Describe(Errno.Last));
        var ev = stackalloc byte[16];
        EpollEvent.Write(ev, NativeMethods.EpollIn, WakeTag);
        if (NativeMethods.epoll_ctl(_epollFd, NativeMethods.EpollCtlAdd, _wake.Fd, ev) != 0) throw new InvalidOperationException("epoll_ctl failed: " + Errno.Describe(Errno.Last));
        _events = (byte*)NativeMemory.Alloc((nuint)(_maxEvents * EpollEvent.Size));
        _buffer = GC.AllocateArray<byte>(ReceiveBufferBytes, pinned: true);
        _bufferStart = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_buffer));
    }

    public override void Wake() => _wake.Signal();

    public override void Dispose() => _wake.Dispose();

    public override int StartConnect(Connection connection)
    {
        var address = Run.Address;
        var fd = NativeMethods.socket(address.Family, NativeMethods.SockStream | NativeMethods.SockNonBlock | NativeMethods.SockCloExec, NativeMethods.IpProtoTcp);
        if (fd < 0) return Errno.Last;
        var one = 1;
        NativeMethods.setsockopt(fd, NativeMethods.IpProtoTcp, NativeMethods.TcpNoDelay, &one, sizeof(int));
        if (NativeMethods.connect(fd, address.Address, address.Length) != 0)
        {
            var error = Errno.Last;
            if (error != Errno.EINPROGRESS)
            {
                NativeMethods.close(fd);
                return error;
            }
        }
        // Registered after connect(): a fresh socket polls as hung up. Edge-triggered, once for the socket's life.
        var ev = stackalloc byte[16];
        EpollEvent.Write(ev, NativeMethods.EpollIn | NativeMethods.EpollOut | NativeMethods.EpollRdHup | NativeMethods.EpollEt, Tag(connection));
        if (NativeMethods.epoll_ctl(_epollFd, NativeMethods.EpollCtlAdd, fd, ev) != 0)
        {
            var error = Errno.Last;
            NativeMethods.close(fd);
            return error;
        }
        connection.Fd = fd;
        return 0;
    }

    public override void Send(Connection connection)
    {
        while (connection.SentBytes < connection.BytesToSend)
        {
            var sent = NativeMethods.send(connection.Fd, connection.SendBuffer + connection.SentBytes, (nuint)(connection.BytesToSend - connection.SentBytes), NativeMethods.MsgNoSignal);
            if (sent > 0)
            {
                connection.SentBytes += (int)sent;
                continue;
            }
            var error = Errno.Last;
            if (error == Errno.EINTR) continue;
            if (error == Errno.EAGAIN) return; // the socket's buffer is full: EPOLLOUT resumes the write
            connection.OnSendFailed(error);
            return;
        }
        connection.OnSent();
    }

    public override void CloseSocket(Connection connection)
    {
        if (connection.Fd < 0) return;
        NativeMethods.close(connection.Fd); // also drops it from the epoll set
        connection.Fd = -1;
        connection.Generation++;
    }

    protected override void Poll(long timeoutTicks)
    {
        int count;
        if (timeoutTicks <= 0)
        {
            count = NativeMethods.epoll_wait(_epollFd, _events, _maxEvents, 0);
        }
        else if (!s_noEpollPwait2)
        {
            // epoll_pwait2 (Linux 5.11) takes nanoseconds: a pacing timer fires on time, not on the next millisecond.
            var ns = LoadRun.TicksToNanoseconds(timeoutTicks);
            NativeMethods.Timespec timeout = new() { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
            count = (int)NativeMethods.syscall(NativeMethods.SysEpollPwait2, _epollFd, (nint)_events, _maxEvents, (nint)(&timeout), 0, 0);
            if (count < 0 && Errno.Last == Errno.ENOSYS)
            {
                s_noEpollPwait2 = true;
                return;
            }
        }
        else
        {
            var ms = (int)Math.Min(int.MaxValue, (LoadRun.TicksToNanoseconds(timeoutTicks) + 999_999) / 1_000_000);
            count = NativeMethods.epoll_wait(_epollFd, _events, _maxEvents, ms);
        }
        if (count < 0)
        {
            var error = Errno.Last;
            if (error == Errno.EINTR) return;
            throw new InvalidOperationException("epoll_wait failed: " + Errno.Describe(error));
        }
        for (var i = 0; i < count; i++) Dispatch(EpollEvent.Events(_events, i), EpollEvent.Data(_events, i));
    }

    private void Dispatch(uint events, ulong tag)
    {
        if (tag == WakeTag)
        {
            _wake.Drain();
            return;
        }
        var connection = Connections[(int)(uint)tag];
        var generation = (uint)(tag >> 32);
        if (connection.Generation != generation) return; // an event of a socket closed earlier in this batch

        if (connection.State == ConnectionState.Connecting)
        {
            if ((events & (NativeMethods.EpollErr | NativeMethods.EpollHup)) != 0)
            {
                var error = SocketError(connection.Fd);
                connection.OnConnected(error != 0 ? error : Errno.ECONNREFUSED);
                return;
            }
            if ((events & NativeMethods.EpollOut) == 0) return;
            connection.OnConnected(0);
            if (connection.Generation != generation) return;
        }
        if ((events & NativeMethods.EpollOut) != 0 && connection.State == ConnectionState.Sending) Send(connection);
        if ((events & (NativeMethods.EpollIn | NativeMethods.EpollRdHup | NativeMethods.EpollHup | NativeMethods.EpollErr)) != 0 && connection.Generation == generation)
            Receive(connection, events);
    }

    /// <summary>Reads until the socket is drained. A short read means drained (the next arrival raises a new edge),
    /// unless the peer hung up: then read on to the end of the stream, so the close is seen before the next send.</summary>
    private void Receive(Connection connection, uint events)
    {
        var generation = connection.Generation;
        var hangUp = (events & (NativeMethods.EpollRdHup | NativeMethods.EpollHup | NativeMethods.EpollErr)) != 0;
        while (true)
        {
            var received = NativeMethods.recv(connection.Fd, _bufferStart, ReceiveBufferBytes, 0);
            if (received > 0)
            {
                connection.OnReceived(new ReadOnlySpan<byte>(_bufferStart, (int)received));
                if (connection.Generation != generation) return;
                if (received < ReceiveBufferBytes && !hangUp) return;
                continue;
            }
            if (received == 0)
            {
                connection.OnEndOfStream();
                return;
            }
            var error = Errno.Last;
            if (error == Errno.EINTR) continue;
            if (error == Errno.EAGAIN) return;
            connection.OnReceiveError(error);
            return;
        }
    }

    private static int SocketError(int fd)
    {
        int error = 0;
        uint length = sizeof(int);
        return NativeMethods.getsockopt(fd, NativeMethods.SolSocket, NativeMethods.SoError, &error, &length) == 0 ? error : Errno.Last;
    }

    private static ulong Tag(Connection connection) => (ulong)connection.Generation << 32 | (uint)connection.Index;

    protected override void Teardown()
    {
        if (_epollFd >= 0) NativeMethods.close(_epollFd);
        _epollFd = -1;
        if (_events != null) NativeMemory.Free(_events);
        _events = null;
    }
}
