using System.Buffers;
using System.Diagnostics;
using PerfNotebooks.Load.Native;

namespace PerfNotebooks.Load.EventLoops;

/// <summary>
/// One HTTP/1.1 connection of an <see cref="EventLoop"/>, as a state machine in wrk's shape: the loop calls
/// <see cref="Connection.OnConnected"/> then <see cref="Connected"/> (wrk's socket_connected), <see cref="SendBatch"/> (socket_writeable),
/// <see cref="OnReceived"/> / <see cref="OnEndOfStream"/> / <see cref="OnReceiveError"/> (socket_readable), and each
/// parsed response goes through <see cref="ResponseComplete"/> (response_complete). Each callback reads the state it
/// is in and moves to the next; nothing here blocks, allocates per request, or touches another thread's data.
/// Bytes are parsed straight from the loop's buffer; only an unfinished response head (or chunk line) is copied into
/// a small pooled spill buffer, returned as soon as it is consumed, so an idle connection holds no buffer at all.
/// </summary>
internal sealed class HttpConnection : Connection
{
    /// <summary>A response head (or chunk-size line) still unfinished after this many bytes is a protocol error.</summary>
    public const int MaxSpillBytes = 48 * 1024;

    private readonly long[] _sentAt;
    private readonly long[] _intendedAt;
    private HttpResponseParser _parser;
    private byte[]? _spill;
    private int _spillLength;
    private int _batch;
    private int _done;
    private bool _recordBatch;

    public HttpConnection(EventLoop loop, int index, int globalIndex)
        : base(loop, index, globalIndex)
    {
        _sentAt = new long[Run.Pipeline];
        _intendedAt = new long[Run.Pipeline];
        _parser.NoBodyExpected = Run.IsHead;
    }

    protected override void Connected(long now)
    {
        State = ConnectionState.Idle;
        _parser.Reset();
        if (Loop.Started) ReadyToSend(now);
    }

    // ---- sending ----

    /// <summary>
    /// wrk's socket_writeable: decides the next batch (1 request, or up to Pipeline; at a constant rate the requests
    /// whose intended times have come) and hands it to the loop to write. Called from the loop's ready list, after
    /// the completions of a wait were all handled, so a close noticed in the same wait is seen before sending.
    /// </summary>
    public override void SendBatch(long now)
    {
        if (State != ConnectionState.Idle) return;
        var pipeline = Run.Pipeline;
        int batch;
        if (Run.ConstantRate)
        {
            batch = 0;
            do
            {
                _intendedAt[batch++] = TakeIntended();
            }
            while (batch < pipeline && NextIntended <= now);
        }
        else
        {
            batch = pipeline;
        }

        _recordBatch = now >= Run.RecordingStartTs;
        if (_recordBatch && Run.RequestLimited)
        {
            var granted = Run.ClaimTickets(batch);
            if (granted == 0)
            {
                Finish();
                return;
            }
            batch = granted;
        }

        for (var i = 0; i < batch; i++)
        {
            _sentAt[i] = now;
            if (!Run.ConstantRate) _intendedAt[i] = now;
        }
        _batch = batch;
        _done = 0;
        InFlightSince = now;
        State = ConnectionState.Sending;
        BytesToSend = batch * Run.RequestLength;
        SentBytes = 0;
        Loop.Send(this);

        // Bytes the server sent beyond the last batch's responses are read as the start of this batch's, as a
        // streaming client (and wrk) would: garbage then counts as a protocol error of this request.
        if (_spillLength > 0 && State is ConnectionState.Sending or ConnectionState.AwaitingResponse) OnReceived([]);
    }

    /// <summary>The whole batch is written.</summary>
    public override void OnSent() => State = ConnectionState.AwaitingResponse;

    /// <summary>Writing the batch failed.</summary>
    public override void OnSendFailed(int errno) => Fail(errno == Errno.ECONNRESET ? FailureClass.Reset : FailureClass.Write, Stopwatch.GetTimestamp());

    // ---- receiving ----

    /// <summary>wrk's socket_readable: bytes arrived. Parses every complete response in them.</summary>
    public override void OnReceived(ReadOnlySpan<byte> data)
    {
        if (State is not (ConnectionState.Sending or ConnectionState.AwaitingResponse))
        {
            // Bytes with no request outstanding answer nothing: a server ending an idle connection (some send a 408 first).
            if (State == ConnectionState.Idle) PeerClosedIdle(Stopwatch.GetTimestamp());
            return;
        }

        var rest = _spillLength > 0 ? TakeSpillWith(data) : data;
        while (true)
        {
            var status = _parser.Parse(rest, out var consumed);
            rest = rest[consumed..];
            if (status == ParseStatus.Complete)
            {
                var now = Stopwatch.GetTimestamp();
                var closeAfter = _parser.CloseAfter;
                ResponseComplete(now);
                if (closeAfter)
                {
                    ClosedAfterResponse(now);
                    return;
                }
                if (_done < _batch) continue;
                Keep(rest);
                BatchComplete(now);
                return;
            }
            if (status == ParseStatus.Malformed || rest.Length > MaxSpillBytes)
            {
                Fail(FailureClass.Protocol, Stopwatch.GetTimestamp());
                return;
            }
            Keep(rest);
            return;
        }
    }

    /// <summary>The server closed its side (read returned 0).</summary>
    public override void OnEndOfStream()
    {
        var now = Stopwatch.GetTimestamp();
        if (State == ConnectionState.Idle)
        {
            PeerClosedIdle(now);
        }
        else if (State is ConnectionState.Sending or ConnectionState.AwaitingResponse)
        {
            if (_parser.IsReadingUntilClose && _parser.CompleteAtEndOfStream() == ParseStatus.Complete)
            {
                // A body delimited by the close (HTTP/1.0 style) ends here: a complete response.
                ResponseComplete(now);
                ClosedAfterResponse(now);
                return;
            }
            Fail(FailureClass.Read, now);
        }
    }

    /// <summary>A read failed with <paramref name="errno"/>.</summary>
    public override void OnReceiveError(int errno)
    {
        var now = Stopwatch.GetTimestamp();
        if (State == ConnectionState.Idle) PeerClosedIdle(now);
        else if (State is ConnectionState.Sending or ConnectionState.AwaitingResponse) Fail(errno == Errno.ECONNRESET ? FailureClass.Reset : FailureClass.Read, now);
    }

    /// <summary>wrk's response_complete: one response of the batch is in.</summary>
    private void ResponseComplete(long now)
    {
        var index = _done++;
        var status = _parser.StatusCode;
        _parser.Reset();
        var counters = Loop.Counters;
        if (!Counts(now))
        {
            counters.WarmupResponses++;
            return;
        }
        counters.Requests++;
        if (status is >= 200 and < 300) counters.Successes++;
        else if ((uint)status < (uint)counters.Status.Length) counters.Status[status]++;
        Loop.Record(now - _intendedAt[index], now - _sentAt[index]);
    }

    private void BatchComplete(long now)
    {
        InFlightSince = 0;
        if (State == ConnectionState.Sending)
        {
            // Answered before the request was fully written (a server refusing a large body early): the byte stream
            // cannot go on from the middle of a request, so start over on a new connection.
            CloseAndReopen();
            return;
        }
        State = ConnectionState.Idle;
        ReadyToSend(now);
    }

    /// <summary>The response said Connection: close (or ended with the close): legal, so a reconnect, not an error.</summary>
    private void ClosedAfterResponse(long now)
    {
        if (Counts(now))
        {
            Loop.Counters.Reconnects++;
            // Pipelined requests behind the closing response get no answer.
            Loop.Counters.Read += _batch - _done;
        }
        CloseAndReopen();
    }

    /// <summary>
    /// The server closed (or reset) a connection with no request outstanding, and it was noticed before the next
    /// send: a keep-alive timeout, not a failure. Anything sent after such a close is an error of that request.
    /// </summary>
    private void PeerClosedIdle(long now)
    {
        if (EventCounts(now)) Loop.Counters.Reconnects++;
        CloseAndReopen();
    }

    /// <summary>Timed out by the loop's sweep.</summary>
    public override void OnTimeout(long now)
    {
        if (State == ConnectionState.Connecting) OnConnected(Errno.ETIMEDOUT);
        else if (State is ConnectionState.Sending or ConnectionState.AwaitingResponse) Fail(FailureClass.Timeout, now);
    }

    /// <summary>Every request of the batch still without a response fails with <paramref name="failure"/>; the connection starts over.</summary>
    private void Fail(FailureClass failure, long now)
    {
        var unanswered = _batch - _done;
        if (unanswered > 0 && Counts(now)) Loop.Counters.Add(failure, unanswered);
        _done = _batch;
        CloseAndReopen();
    }

    protected override void ResetProtocol()
    {
        _parser.Reset();
        ReleaseSpill();
    }

    /// <summary>
    /// Whether a response (or failure) ending now is measured. A timed run measures what completes inside its window,
    /// as wrk does, so a request sent in the warm-up and answered in the window counts; a run bound by a request count
    /// decides at send time, so it records exactly the requests it was asked for.
    /// </summary>
    private bool Counts(long now) => Run.RequestLimited ? _recordBatch : Loop.InWindow(now);

    /// <summary>Whether an event with no request of its own (a reconnect) is measured.</summary>
    private bool EventCounts(long now) => Run.RequestLimited ? now >= Run.RecordingStartTs : Loop.InWindow(now);

    // ---- the spill buffer ----

    /// <summary>The unparsed bytes kept from earlier reads followed by <paramref name="data"/>, contiguous.</summary>
    private ReadOnlySpan<byte> TakeSpillWith(ReadOnlySpan<byte> data)
    {
        var total = _spillLength + data.Length;
        if (_spill!.Length < total)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(total);
            _spill.AsSpan(0, _spillLength).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_spill);
            _spill = bigger;
        }
        data.CopyTo(_spill.AsSpan(_spillLength));
        _spillLength = 0;
        return _spill.AsSpan(0, total);
    }

    /// <summary>Keeps the unparsed tail <paramref name="rest"/> for the next read (it may lie in the spill buffer itself).</summary>
    private void Keep(ReadOnlySpan<byte> rest)
    {
        if (rest.IsEmpty)
        {
            ReleaseSpill();
            return;
        }
        if (_spill is null || _spill.Length < rest.Length)
        {
            var fresh = ArrayPool<byte>.Shared.Rent(Math.Max(rest.Length, 1024));
            rest.CopyTo(fresh);
            if (_spill is not null) ArrayPool<byte>.Shared.Return(_spill);
            _spill = fresh;
        }
        else
        {
            rest.CopyTo(_spill); // overlapping copies are safe: Span.CopyTo moves like memmove
        }
        _spillLength = rest.Length;
    }

    private void ReleaseSpill()
    {
        _spillLength = 0;
        if (_spill is null) return;
        ArrayPool<byte>.Shared.Return(_spill);
        _spill = null;
    }
}
