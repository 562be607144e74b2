using System.Diagnostics;

namespace PerfNotebooks.Load.EventLoops;

/// <summary>
/// What every connection of an <see cref="EventLoop"/> shares, whatever it speaks: the socket and its generation,
/// the state the loops read, the bytes being written, opening (through the loop's gate) and reopening, the pacing of
/// an open-loop schedule (a constant rate or a rate profile), and closing. The protocol lives in a subclass:
/// <see cref="HttpConnection"/> (HTTP/1.1 requests) or <see cref="WebSocketConnection"/> (RFC 6455 messages). The loops
/// call the callbacks below (connected, writable, readable, timer, timeout), each on the loop's own thread.
/// </summary>
internal abstract unsafe class Connection
{
    private long _sequence;

    protected Connection(EventLoop loop, int index, int globalIndex)
    {
        Loop = loop;
        Run = loop.Run;
        Index = index;
        GlobalIndex = globalIndex;
        SendBuffer = Run.RequestStart;
    }

    protected EventLoop Loop { get; }
    protected LoadRun Run { get; }

    /// <summary>Position in the loop's connection array (the low half of every event's tag).</summary>
    public int Index { get; }

    /// <summary>Position over all loops (connection i of the run lives on loop i mod threads): its place in the schedule.</summary>
    public int GlobalIndex { get; }

    /// <summary>The socket, -1 without one.</summary>
    public int Fd = -1;

    /// <summary>Bumped for every new socket: events and completions of an older socket carry an older value and are ignored.</summary>
    public uint Generation;

    public ConnectionState State;

    /// <summary>Where the bytes being written start (pinned memory: the request bytes of the run, or this connection's own buffer).</summary>
    public byte* SendBuffer;

    /// <summary>Bytes of the current write done so far (the epoll loop writes in pieces when the socket's buffer is full).</summary>
    public int SentBytes;

    /// <summary>Bytes of the current write.</summary>
    public int BytesToSend;

    /// <summary>When the oldest outstanding operation (connect, request, message) began; 0 with none. The loop's sweep times it out.</summary>
    public long InFlightSince;

    /// <summary>The timer heap's bookkeeping: due time and slot (-1 when no timer is armed).</summary>
    public long TimerAt;
    public int HeapIndex = -1;

    /// <summary>True while queued in the loop's ready-to-send list.</summary>
    public bool InReadyList;

    /// <summary>True while this socket's multishot receive is armed (io_uring).</summary>
    public bool ReceiveArmed;

    /// <summary>True once a connect of this connection succeeded (for the time-to-open report).</summary>
    public bool EverOpened;

    /// <summary>Open loop: this connection's next intended send time.</summary>
    protected long NextIntended;

    // ---- opening ----

    /// <summary>Opens a socket, through the loop's bound on connects in flight.</summary>
    public void Open() => Loop.RequestConnect(this);

    /// <summary>The loop's gate admitted this connect.</summary>
    public void BeginConnect(long now)
    {
        Generation++;
        State = ConnectionState.Connecting;
        InFlightSince = now;
        var error = Loop.StartConnect(this);
        if (error != 0) OnConnected(error);
    }

    /// <summary>wrk's socket_connected: the connect ended, with 0 or an errno.</summary>
    public void OnConnected(int error)
    {
        if (State != ConnectionState.Connecting) return;
        var now = Stopwatch.GetTimestamp();
        InFlightSince = 0;
        Loop.ConnectFinished(this, error == 0, now);
        if (error != 0)
        {
            ConnectFailed(now);
            return;
        }
        Connected(now);
    }

    /// <summary>The socket is open: the protocol's first step (idle and ready for HTTP; the opening handshake for WebSocket).</summary>
    protected abstract void Connected(long now);

    private void ConnectFailed(long now)
    {
        Loop.CloseSocket(this);
        State = ConnectionState.Closed;
        // Without a warm-up, opening is part of a timed run's window: a connection that cannot open is its error.
        if (Loop.InWindow(now) || (!Loop.Started && Run.CountsOpeningFailures)) Loop.Counters.Connect++;
        // With a request count, a failed connect while recording is one of the attempts: a dead server cannot keep the run going.
        if (Run.RequestLimited && now >= Run.RecordingStartTs && Run.ClaimTickets(1) == 0)
        {
            Finish();
            return;
        }
        // Before the run starts, the loop re-opens it when it starts; after, a short pause so a dead port is not spun on.
        if (Loop.Started) Loop.Schedule(this, now + Run.ConnectBackOffTicks);
    }

    /// <summary>The run starts: send (closed loop) or wait for the first intended send time (open loop).</summary>
    public void Start(long now, long firstIntended)
    {
        NextIntended = firstIntended;
        if (State == ConnectionState.Idle) ReadyToSend(now);
        else if (State == ConnectionState.Closed) Open();
    }

    // ---- sending ----

    /// <summary>Sends now (closed loop, or an intended time already past) or at the next intended time.</summary>
    protected void ReadyToSend(long now)
    {
        if (Run.ConstantRate && now < NextIntended) Loop.Schedule(this, NextIntended);
        else Loop.MarkReady(this);
    }

    /// <summary>Open loop: the intended send time of the next request or message, and the one after it becomes the next.</summary>
    protected long TakeIntended()
    {
        var intended = NextIntended;
        NextIntended = Run.Schedule is null ? NextIntended + Run.IntervalTicks : Run.IntendedTs(GlobalIndex + ++_sequence * (long)Run.Spec.Connections);
        return intended;
    }

    /// <summary>The loop's timer fired: the end of a back-off, or (open loop) this connection's intended send time.</summary>
    public void OnTimer(long now)
    {
        if (State == ConnectionState.Closed)
        {
            Open();
        }
        else if (State == ConnectionState.Idle)
        {
            // Ready before the intended time and still late: the generator's own lag.
            if (Loop.InWindow(now)) Loop.RecordSendLag(now - NextIntended);
            SendBatch(now);
        }
    }

    /// <summary>wrk's socket_writeable: decides what to write next and hands it to the loop.</summary>
    public abstract void SendBatch(long now);

    /// <summary>The whole write is done.</summary>
    public abstract void OnSent();

    /// <summary>Writing failed with <paramref name="errno"/>.</summary>
    public abstract void OnSendFailed(int errno);

    // ---- receiving ----

    /// <summary>wrk's socket_readable: bytes arrived (valid during the call).</summary>
    public abstract void OnReceived(ReadOnlySpan<byte> data);

    /// <summary>The server closed its side (read returned 0).</summary>
    public abstract void OnEndOfStream();

    /// <summary>A read failed with <paramref name="errno"/>.</summary>
    public abstract void OnReceiveError(int errno);

    /// <summary>Timed out by the loop's sweep.</summary>
    public abstract void OnTimeout(long now);

    // ---- closing ----

    /// <summary>Closes the socket and opens a new one.</summary>
    protected void CloseAndReopen()
    {
        CloseSocket();
        State = ConnectionState.Closed;
        Open();
    }

    /// <summary>Done for this run (request budget spent).</summary>
    public void Finish()
    {
        CloseSocket();
        State = ConnectionState.Finished;
        Loop.ConnectionFinished();
    }

    /// <summary>Closes the socket at the end of the run, counting nothing.</summary>
    public void Abandon()
    {
        if (State == ConnectionState.Finished) return;
        CloseSocket();
        State = ConnectionState.Finished;
    }

    protected void CloseSocket()
    {
        InFlightSince = 0;
        ResetProtocol();
        if (Fd >= 0) Loop.CloseSocket(this);
    }

    /// <summary>Forgets the protocol's state of the socket being closed (a parser, a spill buffer, a handshake).</summary>
    protected abstract void ResetProtocol();
}
