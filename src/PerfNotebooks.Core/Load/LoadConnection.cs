using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace PerfNotebooks.Load;

/// <summary>
/// One connection's state and its loop, wrk-style: send a batch (1 request, or Pipeline requests),
/// read until every response of the batch has arrived, record, repeat. Everything the loop needs is
/// allocated here once; the loop itself is a single long-running async method so its state machine is
/// boxed once, and the socket's ValueTask operations reuse their cached event args: no allocation
/// per request in steady state. Counters are plain fields written by this loop only; the run's
/// monitor reads them racily for progress and exactly once the loop has ended.
/// <para>
/// No failure is hidden: a request that gets no complete response is counted in one error class and never
/// sent again; the loop reconnects and goes on with the next request. The only closes that are not errors
/// are a close announced by (or delimiting) a complete response, and a close of an idle connection, which
/// the loop looks for before it sends, not after.
/// </para>
/// </summary>
internal sealed class LoadConnection : IValueTaskSource
{
    private readonly LoadRun _run;
    private readonly byte[] _buffer;
    private readonly long[] _sentAt;
    private readonly long[] _intendedAt;
    private readonly SocketOperation _io;
    private Socket? _socket;
    private int _start;
    private int _end;
    private HttpResponseParser _parser;
    private long _responsesOnSocket;
    private long _nextIntended;
    private long _idleSince;
    private ManualResetValueTaskSourceCore<bool> _wake;

    // Counters of the recorded phase (written by the loop only).
    public long Requests;
    public long Successes;
    public long ConnectErrors;
    public long ReadErrors;
    public long ResetErrors;
    public long WriteErrors;
    public long Timeouts;
    public long ProtocolErrors;
    public long Reconnects;
    public long WarmupResponses;
    public readonly long[] StatusCounts = new long[600];

    /// <summary>
    /// When the operation in flight (a connect, or a batch from its send to its last response) began; 0 when none
    /// is. The loop and <see cref="TimeOutIfStale"/> race to zero it: the one that does owns the outcome.
    /// </summary>
    public long InFlightSince;

    /// <summary>Constant rate: 1 while the loop waits for the pacer, with the timestamp to wake at.</summary>
    public int Waiting;
    public long WakeAt;

    public LoadConnection(LoadRun run)
    {
        _run = run;
        _buffer = new byte[run.ReceiveBufferSize];
        _sentAt = new long[run.Pipeline];
        _intendedAt = new long[run.Pipeline];
        _io = new SocketOperation(run.EndPoint);
        _parser.NoBodyExpected = run.IsHead;
        _parser.Reset();
        _wake.RunContinuationsAsynchronously = false;
    }

    public long ErrorsTotal => ConnectErrors + ReadErrors + ResetErrors + WriteErrors + Timeouts + ProtocolErrors + (Requests - Successes);

    /// <summary>Closes the socket from another thread (stop); the pending operation then fails.</summary>
    public void Abort()
    {
        try
        {
            Volatile.Read(ref _socket)?.Dispose();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Called by the monitor (and, while connections open, by the opening timer): when the operation in
    /// flight (a connect, or a batch from its send to its last response) is older than
    /// <paramref name="timeoutTicks"/>, takes it over and closes its socket. Whoever zeroes
    /// <see cref="InFlightSince"/> first owns the outcome: the loop, when it finds it already zero, counts a
    /// timeout. The socket is read after the timestamp: the loop publishes a new socket before its timestamp,
    /// so the socket closed here is the one the stale operation runs on, never a newer one.
    /// </summary>
    public void TimeOutIfStale(long now, long timeoutTicks)
    {
        var since = Volatile.Read(ref InFlightSince);
        if (since == 0 || now - since <= timeoutTicks) return;
        var socket = Volatile.Read(ref _socket);
        if (Interlocked.CompareExchange(ref InFlightSince, 0, since) != since) return;
        try
        {
            socket?.Dispose();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Opens the connection before the schedule starts, so connecting is not measured as lateness.</summary>
    public async Task<bool> OpenAsync()
    {
        // Without a warm-up the opening is part of a timed run's window: a connection that cannot open is an error
        // of it. (With a request count, only the attempts that take one of its requests are counted.)
        var counted = _run.Spec.Warmup <= TimeSpan.Zero && !_run.RequestLimited ? 1 : 0;
        if (FinishConnect(await StartConnect().ConfigureAwait(false), counted, opening: true)) return true;
        await BackOff().ConfigureAwait(false);
        return false;
    }

    /// <summary>Constant rate: the first intended send time, set once every connection is open.</summary>
    public void StartSchedule(long firstIntended) => _nextIntended = firstIntended;

    public async Task RunAsync()
    {
        var run = _run;
        var pipeline = run.Pipeline;
        var requestLength = run.Request.RequestLength;
        var requestBytes = run.Request.Bytes;

        while (!run.Stopping)
        {
            // Reconnect inline, wrk-style (its response_complete -> reconnect_socket): the new socket's connect
            // is issued as soon as the old one is closed, and its completion resumes this loop straight on to
            // the send, on the completing thread.
            if (_socket is null && !FinishConnect(await StartConnect().ConfigureAwait(false), 1))
            {
                await BackOff().ConfigureAwait(false);
                // With a request count, a failed connect is one of the attempts: a dead server cannot keep the run going.
                if (run.RequestLimited && run.Recording && run.ClaimTickets(1) == 0) break;
                continue;
            }

            // Decide the batch: when to send and how many.
            int batch;
            if (run.ConstantRate)
            {
                var now = Stopwatch.GetTimestamp();
                if (now < _nextIntended)
                {
                    await WaitForPacer(_nextIntended).ConfigureAwait(false);
                    if (run.Stopping) break;
                    now = Stopwatch.GetTimestamp();
                    // Ready before the intended time and still late: the generator's own lag.
                    run.RecordSendLag(now - _nextIntended);
                }
                batch = 0;
                do
                {
                    _intendedAt[batch++] = _nextIntended;
                    _nextIntended += run.IntervalTicks;
                }
                while (batch < pipeline && _nextIntended <= now);
            }
            else
            {
                batch = pipeline;
            }

            var recordBatch = run.Recording;
            if (recordBatch && run.RequestLimited)
            {
                batch = run.ClaimTickets(batch);
                if (batch == 0) break;
            }

            // The one close that is not an error: the server closed this connection while no request was on
            // it (a keep-alive timeout). Seen before sending, never after: once a request is out, a close is
            // that request's error. Checked only after an idle spell, so the closed loop pays no syscall for it.
            if (Stopwatch.GetTimestamp() - _idleSince > run.IdleCheckTicks && PeerClosedWhileIdle(_socket!))
            {
                if (Counts(recordBatch)) Reconnects++;
                CloseSocket();
                if (!FinishConnect(await StartConnect().ConfigureAwait(false), Counts(recordBatch) ? batch : 0))
                {
                    // The batch could not be sent: its requests are connect errors.
                    await BackOff().ConfigureAwait(false);
                    continue;
                }
            }
            var socket = _socket!;

            var sentAt = Stopwatch.GetTimestamp();
            for (var i = 0; i < batch; i++)
            {
                _sentAt[i] = sentAt;
                if (!run.ConstantRate) _intendedAt[i] = sentAt;
            }
            Volatile.Write(ref InFlightSince, sentAt);

            // Send the batch.
            var toSend = batch * requestLength;
            var sent = 0;
            var failure = Failure.None;
            while (sent < toSend)
            {
                var n = await _io.SendAsync(socket, requestBytes.AsMemory(sent, toSend - sent)).ConfigureAwait(false);
                if (n <= 0)
                {
                    failure = _io.LastError == SocketError.ConnectionReset ? Failure.Reset : Failure.Write;
                    break;
                }
                sent += n;
            }

            // Read until every response of the batch is in.
            var done = 0;
            var closeAfter = false;
            while (failure == Failure.None && done < batch)
            {
                while (done < batch && _start < _end)
                {
                    var status = _parser.Parse(_buffer.AsSpan(_start, _end - _start), out var consumed);
                    _start += consumed;
                    if (status == ParseStatus.Complete)
                    {
                        OnResponse(done, Counts(recordBatch));
                        done++;
                        closeAfter = _parser.CloseAfter;
                        if (closeAfter) break;
                    }
                    else if (status == ParseStatus.Malformed)
                    {
                        failure = Failure.Protocol;
                        break;
                    }
                    else
                    {
                        break;
                    }
                }
                if (failure != Failure.None || closeAfter || done == batch) break;

                if (_start == _end)
                {
                    _start = _end = 0;
                }
                else if (_end == _buffer.Length)
                {
                    if (_start == 0) { failure = Failure.Protocol; break; } // one line larger than the buffer
                    _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                    _end -= _start;
                    _start = 0;
                }

                var received = await _io.ReceiveAsync(socket, _buffer.AsMemory(_end)).ConfigureAwait(false);
                if (received < 0)
                {
                    failure = _io.LastError == SocketError.ConnectionReset ? Failure.Reset : Failure.Read;
                    break;
                }
                if (received == 0)
                {
                    if (_parser.IsReadingUntilClose && _parser.CompleteAtEndOfStream() == ParseStatus.Complete)
                    {
                        OnResponse(done, Counts(recordBatch));
                        done++;
                        closeAfter = true;
                        break;
                    }
                    // Closed before or within a response: that request failed, whatever the server meant.
                    failure = Failure.Read;
                    break;
                }
                _end += received;
            }

            // Whoever zeroes the in-flight mark first owns the outcome: zero already means the monitor timed it out.
            var timedOut = Interlocked.Exchange(ref InFlightSince, 0) == 0;
            if (failure == Failure.None && !timedOut)
            {
                _idleSince = Stopwatch.GetTimestamp();
                if (closeAfter)
                {
                    // Connection: close (or a close-delimited body) after a complete response is legal: reconnect,
                    // not an error. Requests pipelined behind it got no answer: those are errors.
                    if (Counts(recordBatch)) Reconnects++;
                    CountFailure(Counts(recordBatch), batch - done, ref ReadErrors);
                    CloseSocket();
                }
                continue;
            }

            // The run's stop closed the socket: what was in flight at the end of the window is not counted.
            if (run.Stopping) break;
            var record = Counts(recordBatch);
            if (timedOut) CountFailure(record, batch - done, ref Timeouts);
            else if (failure == Failure.Protocol) CountFailure(record, batch - done, ref ProtocolErrors);
            else if (failure == Failure.Reset) CountFailure(record, batch - done, ref ResetErrors);
            else if (failure == Failure.Write) CountFailure(record, batch - done, ref WriteErrors);
            else CountFailure(record, batch - done, ref ReadErrors);
            CloseSocket();
        }

        Volatile.Write(ref InFlightSince, 0);
        CloseSocket();
    }

    private void OnResponse(int index, bool record)
    {
        var now = Stopwatch.GetTimestamp();
        _responsesOnSocket++;
        if (!record)
        {
            WarmupResponses++;
            return;
        }
        var status = _parser.StatusCode;
        Requests++;
        if (status is >= 200 and < 300) Successes++;
        else if ((uint)status < (uint)StatusCounts.Length) StatusCounts[status]++;
        _run.Record(now - _intendedAt[index], now - _sentAt[index]);
    }

    /// <summary>
    /// Whether what ends now (a response, a failure, a reconnect) is measured. A run bound by duration measures
    /// what completes inside its window, as wrk does: a request sent in the warm-up and answered after it counts.
    /// Counting by send time instead under-counts every queueing server (Gunicorn's sync workers at 256
    /// connections wait ~1.5 s per request: half a 3 s cell's answers would be dropped). A run bound by a
    /// request count keeps the send-time decision, so it records exactly the requests it was asked for.
    /// </summary>
    private bool Counts(bool recordBatch) => recordBatch || (!_run.RequestLimited && _run.Recording);

    private void CountFailure(bool record, int count, ref long counter)
    {
        if (count <= 0) return;
        if (record) counter += count;
    }

    private void CloseSocket()
    {
        var socket = _socket;
        Volatile.Write(ref _socket, null);
        _start = _end = 0;
        _parser.Reset();
        _responsesOnSocket = 0;
        Volatile.Write(ref InFlightSince, 0);
        socket?.Dispose();
    }

    /// <summary>
    /// A zero-timeout poll: readable while no request is outstanding means the server closed (EOF), reset,
    /// or sent bytes nobody asked for; in every case the connection cannot carry the next request.
    /// </summary>
    private static bool PeerClosedWhileIdle(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>
    /// Opens a new socket and starts its non-blocking connect through the connection's reused event args:
    /// no Task, no CancellationTokenSource, no async state machine per connect (servers that close after
    /// every response make this a per-request path). The monitor times a connect out like a response.
    /// A socket the process cannot create (no file descriptor left) is a failed connect, not a crash.
    /// </summary>
    private ValueTask<int> StartConnect()
    {
        Socket socket;
        try
        {
            socket = new Socket(_run.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        }
        catch (SocketException)
        {
            return new ValueTask<int>(-1);
        }
        Volatile.Write(ref _socket, socket);
        if (_run.Stopping)
        {
            // Stop() may have passed this connection before the socket existed.
            return new ValueTask<int>(-1);
        }
        Volatile.Write(ref InFlightSince, Stopwatch.GetTimestamp());
        return _io.ConnectAsync(socket);
    }

    /// <summary>
    /// Ends a connect: true when the socket is ready; otherwise closes it and counts
    /// <paramref name="failures"/> connect errors (while recording).
    /// </summary>
    private bool FinishConnect(int result, int failures, bool opening = false)
    {
        var timedOut = Interlocked.Exchange(ref InFlightSince, 0) == 0;
        if (result >= 0 && !timedOut && !_run.Stopping)
        {
            _idleSince = Stopwatch.GetTimestamp();
            return true;
        }
        CloseSocket();
        if (!_run.Stopping && (_run.Recording || opening)) ConnectErrors += failures;
        return false;
    }

    /// <summary>After a failed connect: a short pause so a dead port is not spun on.</summary>
    private async Task BackOff()
    {
        if (_run.Stopping) return;
        try
        {
            await Task.Delay(10, _run.StopToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private ValueTask WaitForPacer(long timestamp)
    {
        _wake.Reset();
        WakeAt = timestamp;
        Volatile.Write(ref Waiting, 1);
        // The pacer may have released everyone for the stop before we registered.
        if (_run.Stopping) Wake();
        return new ValueTask(this, _wake.Version);
    }

    /// <summary>Called by the pacer (or the stop): resumes the loop, inline on the caller's thread.</summary>
    public void Wake()
    {
        if (Interlocked.CompareExchange(ref Waiting, 0, 1) == 1) _wake.SetResult(true);
    }

    void IValueTaskSource.GetResult(short token) => _wake.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _wake.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _wake.OnCompleted(continuation, state, token, flags);

    private enum Failure
    {
        None,
        Read,
        Reset,
        Write,
        Protocol,
    }
}
