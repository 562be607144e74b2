using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PerfNotebooks.Load.Native;
using PerfNotebooks.Load.WebSockets;

namespace PerfNotebooks.Load.EventLoops;

/// <summary>
/// One WebSocket client of an <see cref="EventLoop"/> (RFC 6455), in the same state-machine shape as
/// <see cref="HttpConnection"/>: connected → the opening handshake is written → its answer is read (101, or a refusal
/// counted under its status) → messages. Echo: each message carries its intended send time, its sender and its number;
/// the next goes out when its echo is back (closed loop) or at its intended time, never before the echo (constant
/// rate, coordinated-omission corrected as HTTP is). Broadcast: every client of a room sends at its intended times and
/// reads every other client's messages; each receipt is one delivery, timed from the sender's intended send time (one
/// process, one clock). Frames are written into a pinned buffer of this connection and masked in place; server frames
/// are read as they stream past (<see cref="WebSocketFrameReader"/>): nothing allocates per message. Pings are answered
/// with a pong once no write is in progress; a close from the server ends the connection (an outstanding echo is a read
/// error) and it opens again.
/// </summary>
internal sealed unsafe class WebSocketConnection : Connection, IWebSocketFrameSink
{
    private const int ControlSlot = WebSocketFrameWriter.MaxHeaderLength + WebSocketFrameWriter.MaxControlPayload;

    private readonly WebSocketFrameReader _reader = new();
    private readonly WebSocketHandshake _handshake;
    private readonly byte[] _buffer;
    private readonly byte* _messageSlot;
    private readonly byte* _controlSlot;
    private readonly byte[] _pong = new byte[WebSocketFrameWriter.MaxControlPayload];
    private readonly uint _sender;
    private readonly int _peers;
    private readonly bool _echo;
    private MaskKeySource _masks = MaskKeySource.Create();
    private byte[]? _answer;
    private int _answerLength;
    private bool _upgraded;
    private bool _writing;
    private bool _awaitingEcho;
    private bool _recordMessage;
    private bool _pongPending;
    private int _pongLength;
    private uint _number;
    private long _intended;
    private long _sent;

    public WebSocketConnection(EventLoop loop, int index, int globalIndex)
        : base(loop, index, globalIndex)
    {
        var ws = Run.WebSocket!;
        _echo = ws.Rooms is null;
        _sender = (uint)globalIndex;
        var rooms = ws.Rooms ?? 1;
        var room = globalIndex % rooms;
        var connections = Run.Spec.Connections;
        _peers = connections / rooms + (room < connections % rooms ? 1 : 0) - 1;
        _handshake = WebSocketHandshake.Create(WebSocketLoad.UrlFor(Run.Spec.Url, _echo ? null : room), Run.Spec.Headers);
        var messageSlot = WebSocketFrameWriter.HeaderLength(ws.MessageSize) + ws.MessageSize;
        var first = Math.Max(messageSlot, _handshake.Request.Length);
        // Pinned for the connection's life: the kernel reads a write from it after the call that queued it returned.
        _buffer = GC.AllocateArray<byte>(first + ControlSlot, pinned: true);
        var start = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_buffer));
        _messageSlot = start;
        _controlSlot = start + first;
        SendBuffer = start;
    }

    /// <summary>Other clients of this connection's room (broadcast): each message it sends is due to reach them all.</summary>
    public int Peers => _peers;

    // ---- the opening handshake ----

    protected override void Connected(long now)
    {
        _upgraded = false;
        _awaitingEcho = false;
        _pongPending = false;
        _answerLength = 0;
        _reader.Reset();
        _handshake.Request.Span.CopyTo(new Span<byte>(_messageSlot, _handshake.Request.Length));
        InFlightSince = now;
        Write(_messageSlot, _handshake.Request.Length);
    }

    private void ReadAnswer(ReadOnlySpan<byte> data, long now)
    {
        var total = _answerLength + data.Length;
        if (_answer is null || _answer.Length < total)
        {
            var bigger = new byte[Math.Max(total, 512)]; // once per connect, not per message
            _answer?.AsSpan(0, _answerLength).CopyTo(bigger);
            _answer = bigger;
        }
        data.CopyTo(_answer.AsSpan(_answerLength));
        _answerLength = total;
        switch (_handshake.Read(_answer.AsSpan(0, _answerLength), out var consumed))
        {
            case WebSocketHandshakeOutcome.NeedMore:
                return;
            case WebSocketHandshakeOutcome.Upgraded:
                _upgraded = true;
                InFlightSince = 0;
                State = ConnectionState.Idle;
                var rest = _answer.AsSpan(consumed, _answerLength - consumed);
                _answerLength = 0;
                if (!rest.IsEmpty && !ReadFrames(rest)) return;
                if (Loop.Started && State == ConnectionState.Idle) ReadyToSend(now);
                return;
            case WebSocketHandshakeOutcome.Refused:
                // Under load a server may refuse an upgrade (503): that attempt's error, under its status.
                if (Loop.InWindow(now))
                {
                    var counters = Loop.Counters;
                    counters.Requests++;
                    if ((uint)_handshake.Status < (uint)counters.Status.Length) counters.Status[_handshake.Status]++;
                }
                CloseAndReopenLater(now);
                return;
            default:
                if (Loop.InWindow(now)) Loop.Counters.Protocol++;
                CloseAndReopenLater(now);
                return;
        }
    }

    // ---- sending ----

    public override void SendBatch(long now)
    {
        if (State != ConnectionState.Idle || !_upgraded || _writing) return;
        if (_pongPending)
        {
            SendPong();
            return;
        }
        _intended = Run.ConstantRate ? TakeIntended() : now;
        _recordMessage = now >= Run.RecordingStartTs;
        if (_recordMessage && Run.RequestLimited && Run.ClaimTickets(1) == 0)
        {
            Finish();
            return;
        }
        _sent = now;
        _number++;
        var size = Run.WebSocket!.MessageSize;
        var header = WebSocketFrameWriter.HeaderLength(size);
        var frame = new Span<byte>(_messageSlot, header + size);
        WebSocketLoadMessage.Write(frame.Slice(header, size), _intended, _sender, _number);
        var length = WebSocketFrameWriter.WriteInPlace(frame, WebSocketOpcode.Text, size, _masks.Next());
        if (Loop.InWindow(now))
        {
            Loop.Counters.MessagesSent++;
            if (!_echo) Loop.Counters.DeliveriesDue += _peers;
        }
        _awaitingEcho = _echo;
        InFlightSince = now;
        Write(_messageSlot, length);
    }

    private void SendPong()
    {
        _pongPending = false;
        var length = WebSocketFrameWriter.Write(new Span<byte>(_controlSlot, ControlSlot), WebSocketOpcode.Pong, _pong.AsSpan(0, _pongLength), _masks.Next());
        Write(_controlSlot, length);
    }

    private void Write(byte* from, int length)
    {
        SendBuffer = from;
        BytesToSend = length;
        SentBytes = 0;
        _writing = true;
        State = ConnectionState.Sending;
        Loop.Send(this);
    }

    public override void OnSent()
    {
        if (State != ConnectionState.Sending) return;
        _writing = false;
        var now = Stopwatch.GetTimestamp();
        if (!_upgraded)
        {
            State = ConnectionState.AwaitingResponse; // the handshake's answer
            return;
        }
        if (_awaitingEcho)
        {
            State = ConnectionState.AwaitingResponse;
            if (_pongPending) SendPong();
            return;
        }
        InFlightSince = 0;
        State = ConnectionState.Idle;
        if (_pongPending) SendPong();
        else ReadyToSend(now);
    }

    public override void OnSendFailed(int errno) => Fail(errno == Errno.ECONNRESET ? FailureClass.Reset : FailureClass.Write, Stopwatch.GetTimestamp());

    // ---- receiving ----

    public override void OnReceived(ReadOnlySpan<byte> data)
    {
        if (State is ConnectionState.Closed or ConnectionState.Finished or ConnectionState.Connecting or ConnectionState.WaitingToConnect) return;
        if (!_upgraded)
        {
            ReadAnswer(data, Stopwatch.GetTimestamp());
            return;
        }
        ReadFrames(data);
    }

    private bool ReadFrames(ReadOnlySpan<byte> data)
    {
        var generation = Generation;
        if (_reader.Read(data, this)) return Generation == generation;
        if (Generation == generation) Fail(FailureClass.Protocol, Stopwatch.GetTimestamp());
        return false;
    }

    void IWebSocketFrameSink.OnMessage(WebSocketOpcode opcode, long length, ReadOnlySpan<byte> head)
    {
        var now = Stopwatch.GetTimestamp();
        if (!WebSocketLoadMessage.TryRead(head, out var sentTicks, out var sender, out var number))
        {
            if (Loop.InWindow(now)) Loop.Counters.Protocol++;
            return;
        }
        var counters = Loop.Counters;
        if (!_echo)
        {
            // A delivery: another client's message reached this one.
            if (!Loop.InWindow(now) || sender == _sender) return;
            counters.Requests++;
            counters.Successes++;
            Loop.Record(now - sentTicks, now - sentTicks);
            return;
        }
        if (!_awaitingEcho || sender != _sender || number != _number) return;
        _awaitingEcho = false;
        if (Counts(now))
        {
            counters.Requests++;
            counters.Successes++;
            Loop.Record(now - _intended, now - _sent);
        }
        else
        {
            counters.WarmupResponses++;
        }
        if (_writing) return; // a pong is being written: OnSent goes on
        InFlightSince = 0;
        State = ConnectionState.Idle;
        ReadyToSend(now);
    }

    void IWebSocketFrameSink.OnPing(ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(_pong);
        _pongLength = payload.Length;
        _pongPending = true;
        if (!_writing && State == ConnectionState.Idle) SendPong();
    }

    void IWebSocketFrameSink.OnPong(ReadOnlySpan<byte> payload)
    {
    }

    void IWebSocketFrameSink.OnClose(int code) => ServerEnded(Stopwatch.GetTimestamp(), FailureClass.Read);

    public override void OnEndOfStream() => ServerEnded(Stopwatch.GetTimestamp(), FailureClass.Read);

    public override void OnReceiveError(int errno) => ServerEnded(Stopwatch.GetTimestamp(), errno == Errno.ECONNRESET ? FailureClass.Reset : FailureClass.Read);

    /// <summary>The server closed: an outstanding echo or handshake fails with <paramref name="failure"/>; an idle client just opens again.</summary>
    private void ServerEnded(long now, FailureClass failure)
    {
        if (State is ConnectionState.Closed or ConnectionState.Finished) return;
        if (_awaitingEcho || !_upgraded || _writing) Fail(failure, now);
        else
        {
            if (Loop.InWindow(now)) Loop.Counters.Reconnects++;
            CloseAndReopen();
        }
    }

    public override void OnTimeout(long now)
    {
        if (State == ConnectionState.Connecting) OnConnected(Errno.ETIMEDOUT);
        else if (State is ConnectionState.Sending or ConnectionState.AwaitingResponse) Fail(FailureClass.Timeout, now);
    }

    private void Fail(FailureClass failure, long now)
    {
        if (Loop.InWindow(now)) Loop.Counters.Add(failure, 1);
        CloseAndReopenLater(now);
    }

    /// <summary>Starts over after a pause, so a server that refuses every upgrade is not spun on.</summary>
    private void CloseAndReopenLater(long now)
    {
        CloseSocket();
        State = ConnectionState.Closed;
        if (Loop.Started) Loop.Schedule(this, now + Run.ConnectBackOffTicks);
        else Open();
    }

    protected override void ResetProtocol()
    {
        _upgraded = false;
        _writing = false;
        _awaitingEcho = false;
        _pongPending = false;
        _answerLength = 0;
        _reader.Reset();
    }

    private bool Counts(long now) => Run.RequestLimited ? _recordMessage : Loop.InWindow(now);
}
