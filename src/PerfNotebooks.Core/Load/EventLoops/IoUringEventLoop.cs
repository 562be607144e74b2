using System.Diagnostics;
using System.Numerics;
using PerfNotebooks.Load.Native;
using PerfNotebooks.Native;
using static PerfNotebooks.Load.Native.IoUringAbi;

namespace PerfNotebooks.Load.EventLoops;

/// <summary>
/// The io_uring backend: one ring per loop, and one io_uring_enter per iteration that both submits everything the
/// iteration queued and waits for the next completions. Per keep-alive request that is one SQE (a send whose success
/// posts no completion) and one CQE (the data of a multishot receive armed once per connection, landing in a shared
/// ring of provided buffers), against epoll's send + recv + share of an epoll_wait. Connects, cancels and closes
/// go through the ring too; only socket() and its TCP_NODELAY remain direct calls.
/// </summary>
internal sealed unsafe class IoUringEventLoop : EventLoop
{
    private const byte TagConnect = 1, TagSend = 2, TagReceive = 3, TagClose = 4, TagWake = 5;
    private const int BufferBytes = 4096;
    private const ushort BufferGroup = 0;

    private readonly WakeEvent _wake = new();
    private readonly uint _submissionEntries;
    private readonly uint _completionEntries;
    private readonly int _bufferCount;
    private IoUring? _ring;
    private ProvidedBufferRing? _buffers;
    private bool _recycled;
    private int _armedReceives;

    public IoUringEventLoop(LoadRun run, int id, int connectionCount, int connectLimit)
        : base(run, id, connectionCount, connectLimit)
    {
        // Room for a reconnect's worth of SQEs (cancel, close, connect, receive, send) per connection before the
        // ring must be flushed mid-iteration; completions twice that (the kernel keeps any overflow, nothing is lost).
        _submissionEntries = Math.Clamp(BitOperations.RoundUpToPowerOf2((uint)connectionCount * 4), 256u, 8192u);
        _completionEntries = Math.Min(65536u, Math.Max(_submissionEntries * 2, BitOperations.RoundUpToPowerOf2((uint)connectionCount * 2)));
        // Buffers for the data in flight, not per connection: a connection holds one only between the kernel
        // filling it and the loop parsing it. At 10,000 connections 1,024 x 4 KiB = 4 MiB.
        _bufferCount = (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((uint)connectionCount * 2), 64u, 1024u);
        // The ring is made here, disabled, so a refusal (memory, limits) is known before the run and the run can
        // fall back to epoll; the loop's thread enables it and becomes its only submitter.
        var flagSets = new uint[IoUringSupport.FlagSets.Length];
        for (var i = 0; i < flagSets.Length; i++) flagSets[i] = IoUringSupport.FlagSets[i] | SetupRDisabled;
        var error = IoUring.TryCreate(_submissionEntries, _completionEntries, flagSets, out _ring);
        if (error != 0)
        {
            Dispose();
            throw new IoUringRefusedException("io_uring_setup: " + Errno.Describe(error));
        }
        error = ProvidedBufferRing.TryCreate(_ring!, BufferGroup, _bufferCount, BufferBytes, out _buffers);
        if (error != 0)
        {
            Teardown();
            Dispose();
            throw new IoUringRefusedException("registering receive buffers: " + Errno.Describe(error));
        }
    }

    public override string Backend => "io_uring";

    protected override void Initialize()
    {
        var error = _ring!.Enable();
        if (error != 0) throw new InvalidOperationException("enabling the io_uring failed: " + Errno.Describe(error));
        ArmWake();
    }

    public override void Wake() => _wake.Signal();

    public override void Dispose() => _wake.Dispose();

    public override int StartConnect(Connection connection)
    {
        var address = Run.Address;
        var fd = NativeMethods.socket(address.Family, NativeMethods.SockStream | NativeMethods.SockCloExec, NativeMethods.IpProtoTcp);
        if (fd < 0) return Errno.Last;
        var one = 1;
        NativeMethods.setsockopt(fd, NativeMethods.IpProtoTcp, NativeMethods.TcpNoDelay, &one, sizeof(int));
        connection.Fd = fd;
        connection.ReceiveArmed = false;
        var sqe = _ring!.NextSqe();
        sqe->Opcode = OpConnect;
        sqe->Fd = fd;
        sqe->Addr = (ulong)address.Address;
        sqe->Off = address.Length;
        sqe->UserData = Tag(TagConnect, connection);
        return 0;
    }

    public override void Send(Connection connection)
    {
        // MSG_WAITALL: the kernel keeps sending until all is written or the socket fails, so a completion only
        // comes for a failure (or a short send, which is one).
        var sqe = _ring!.NextSqe();
        sqe->Opcode = OpSend;
        sqe->Flags = SqeCqeSkipSuccess;
        sqe->Fd = connection.Fd;
        sqe->Addr = (ulong)connection.SendBuffer;
        sqe->Len = (uint)connection.BytesToSend;
        sqe->OpFlags = (uint)(NativeMethods.MsgNoSignal | NativeMethods.MsgWaitAll);
        sqe->UserData = Tag(TagSend, connection);
        connection.SentBytes = connection.BytesToSend;
        connection.OnSent();
    }

    public override void CloseSocket(Connection connection)
    {
        if (connection.Fd < 0) return;
        // Cancel the socket's requests first (its armed receive, a pending connect or send): each holds the
        // socket, which a close alone would leave open. Each is cancelled by its user data, which the kernel finds
        // by hash; a cancel by descriptor scans every armed request of the ring, and closing 10,000 connections
        // that way cost seconds of kernel time at the end of a run (quadratic). All run inline at submission, in
        // queue order, so each cancel finds its request before the close takes the descriptor away; a shutdown
        // would not (the kernel hands IORING_OP_SHUTDOWN to a worker thread: a wake-up per reconnect). Not
        // linked: with DEFER_TASKRUN a linked close waits as task work for the next wait on the ring, and a ring
        // closed before that wait (the loop's end) drops it, leaving the descriptor open for good. A cancel that
        // finds nothing reports ENOENT, which is ignored; the send is always cancelled, since a send that
        // succeeded posts nothing and one still waiting for buffer space cannot be told apart.
        if (connection.ReceiveArmed) Cancel(Tag(TagReceive, connection));
        if (connection.State == ConnectionState.Connecting) Cancel(Tag(TagConnect, connection));
        Cancel(Tag(TagSend, connection));
        var close = _ring!.NextSqe();
        close->Opcode = OpClose;
        close->Flags = SqeCqeSkipSuccess;
        close->Fd = connection.Fd;
        close->UserData = (ulong)TagClose << 56;
        connection.Fd = -1;
        connection.Generation++;
        connection.ReceiveArmed = false;
    }

    protected override void Poll(long timeoutTicks)
    {
        var ring = _ring!;
        var error = timeoutTicks > 0
            ? ring.Enter(1, LoadRun.TicksToNanoseconds(timeoutTicks), getEvents: true)
            : ring.Enter(0, -1, getEvents: true);
        if (error != 0 && error != Errno.ETIME && error != Errno.EINTR && error != Errno.EAGAIN && error != Errno.EBUSY)
            throw new InvalidOperationException("io_uring_enter failed: " + Errno.Describe(error));
        while (ring.TryPeekCompletion(out var cqe))
        {
            ring.AdvanceCompletion();
            Complete(cqe);
        }
        if (_recycled)
        {
            _buffers!.Publish();
            _recycled = false;
        }
    }

    private void Complete(in IoUringCqe cqe)
    {
        var tag = (byte)(cqe.UserData >> 56);
        if (tag == TagWake)
        {
            _wake.Drain();
            if ((cqe.Flags & CqeFMore) == 0) ArmWake();
            return;
        }
        if (tag == TagClose) return; // only a cancel with nothing left to cancel reports, and that is expected

        var connection = Connections[(int)(uint)cqe.UserData];
        var generation = (uint)(cqe.UserData >> 32) & 0xFFFFFF;
        switch (tag)
        {
            case TagReceive:
                Received(connection, generation, cqe);
                break;
            case TagConnect:
                if (!IsCurrent(connection, generation)) return;
                if (cqe.Res == 0) ArmReceive(connection);
                connection.OnConnected(cqe.Res < 0 ? -cqe.Res : 0);
                break;
            case TagSend:
                if (!IsCurrent(connection, generation)) return;
                connection.OnSendFailed(cqe.Res < 0 ? -cqe.Res : Errno.EPIPE);
                break;
        }
    }

    private void Received(Connection connection, uint generation, in IoUringCqe cqe)
    {
        var more = (cqe.Flags & CqeFMore) != 0;
        if (!more) _armedReceives--;
        if ((cqe.Flags & CqeFBuffer) != 0)
        {
            var id = (ushort)(cqe.Flags >> CqeBufferShift);
            if (cqe.Res > 0 && IsCurrent(connection, generation)) connection.OnReceived(_buffers!.Data(id, cqe.Res));
            _buffers!.Recycle(id);
            _recycled = true;
        }
        if (!IsCurrent(connection, generation)) return;
        if (!more) connection.ReceiveArmed = false;
        if (cqe.Res == 0)
        {
            connection.OnEndOfStream();
        }
        else if (cqe.Res < 0 && cqe.Res != -Errno.ENOBUFS)
        {
            connection.OnReceiveError(-cqe.Res);
        }
        else if (!connection.ReceiveArmed && IsCurrent(connection, generation))
        {
            // The multishot receive ended while the socket lives (out of buffers: the data waits in the socket).
            ArmReceive(connection);
        }
    }

    private static bool IsCurrent(Connection connection, uint generation) => (connection.Generation & 0xFFFFFF) == generation && connection.Fd >= 0;

    private void ArmReceive(Connection connection)
    {
        var sqe = _ring!.NextSqe();
        sqe->Opcode = OpRecv;
        sqe->Flags = SqeBufferSelect;
        sqe->IoPrio = RecvMultishot;
        sqe->Fd = connection.Fd;
        sqe->BufGroup = BufferGroup;
        sqe->UserData = Tag(TagReceive, connection);
        connection.ReceiveArmed = true;
        _armedReceives++;
    }

    /// <summary>Cancels the requests whose user data is <paramref name="userData"/> (a connection's tag and generation).</summary>
    private void Cancel(ulong userData)
    {
        var cancel = _ring!.NextSqe();
        cancel->Opcode = OpAsyncCancel;
        cancel->Flags = SqeCqeSkipSuccess;
        cancel->Addr = userData;
        cancel->OpFlags = CancelAll;
        cancel->UserData = (ulong)TagClose << 56;
    }

    private void ArmWake()
    {
        var sqe = _ring!.NextSqe();
        sqe->Opcode = OpPollAdd;
        sqe->Fd = _wake.Fd;
        sqe->OpFlags = PollIn;
        sqe->Len = PollAddMulti;
        sqe->UserData = (ulong)TagWake << 56;
    }

    private static ulong Tag(byte tag, Connection connection)
        => (ulong)tag << 56 | (ulong)(connection.Generation & 0xFFFFFF) << 32 | (uint)connection.Index;

    /// <summary>Releases the ring when the run ends without this loop having run (another loop's ring was refused).</summary>
    public void Release()
    {
        Teardown();
        Dispose();
    }

    protected override void Teardown()
    {
        var ring = _ring;
        if (ring is null) return;
        try
        {
            // Every socket's cancel and close are queued (the connections were abandoned): submit them and reap
            // until no receive is armed, so none can still write into the buffers about to be unmapped.
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
            do
            {
                ring.Enter(1, 10_000_000, getEvents: true);
                while (ring.TryPeekCompletion(out var cqe))
                {
                    ring.AdvanceCompletion();
                    if ((byte)(cqe.UserData >> 56) == TagReceive && (cqe.Flags & CqeFMore) == 0) _armedReceives--;
                }
            }
            while (_armedReceives > 0 && Stopwatch.GetTimestamp() < deadline);
        }
        finally
        {
            // The ring first: closing it cancels whatever is left before the buffers go.
            ring.Dispose();
            _buffers?.Dispose();
            _ring = null;
            _buffers = null;
        }
    }
}
