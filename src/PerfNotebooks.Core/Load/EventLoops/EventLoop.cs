using System.Diagnostics;
using HdrHistogram;
using PerfNotebooks.Load.Native;

namespace PerfNotebooks.Load.EventLoops;

/// <summary>
/// One generator thread: its connections, its timers, its counters and histograms, and the loop that waits for I/O
/// and hands each event to the connection it belongs to. The backends (<see cref="EpollEventLoop"/>,
/// <see cref="IoUringEventLoop"/>) only move bytes; everything about HTTP, counting and pacing lives in
/// <see cref="Connection"/> and here, the same for both. One iteration: wait (until the next timer, the sweep, the
/// end of the window, or an event), dispatch every event, send for every connection made ready, fire due timers,
/// admit queued connects; every few milliseconds, time out what has waited too long. Nothing in an iteration
/// allocates.
/// </summary>
internal abstract class EventLoop : IDisposable
{
    private readonly TimerHeap _timers;
    private readonly ConnectGate _gate;
    private readonly Connection[] _ready;
    private readonly long _sweepTicks;
    private int _readyHead;
    private int _readyCount;
    private int _finished;
    private int _openPending;
    private bool _openReported;
    private bool _recordingNoted;
    private bool _steadyNoted;
    private long _steadyAllocatedAtStart;
    private long _steadyRequestsAtStart;
    private Thread? _thread;

    protected EventLoop(LoadRun run, int id, int connectionCount, int connectLimit)
    {
        Run = run;
        Id = id;
        Connections = new Connection[connectionCount];
        for (var i = 0; i < connectionCount; i++) Connections[i] = run.NewConnection(this, i);
        _timers = new TimerHeap(connectionCount);
        _gate = new ConnectGate(connectionCount, connectLimit);
        _ready = new Connection[connectionCount + 1];
        _openPending = connectionCount;
        // A timeout is found within a tenth of it (10-100 ms): a sweep over 10,000 connections costs ~20 us.
        _sweepTicks = Math.Clamp(run.TimeoutTicks / 10, Stopwatch.Frequency / 100, Stopwatch.Frequency / 10);
        Corrected = LoadRun.NewRecorder();
        Uncorrected = LoadRun.NewRecorder();
        SendLag = LoadRun.NewRecorder();
    }

    public LoadRun Run { get; }
    public int Id { get; }
    public Connection[] Connections { get; }
    public LoopCounters Counters { get; } = new();

    /// <summary>Latency from the intended send time (single writer: this loop; the monitor takes interval copies).</summary>
    public Recorder Corrected { get; }

    /// <summary>Latency from the actual send time.</summary>
    public Recorder Uncorrected { get; }

    /// <summary>Constant rate: how late sends went out.</summary>
    public Recorder SendLag { get; }

    /// <summary>"io_uring" or "epoll".</summary>
    public abstract string Backend { get; }

    /// <summary>True once the run started on this loop (connections send from then on).</summary>
    public bool Started { get; private set; }

    /// <summary>Connections that were open at least once, and when the last of them first opened (in the opening phase or after).</summary>
    public int Opened { get; private set; }
    public long LastOpenedTs { get; private set; }

    /// <summary>Managed bytes this loop's thread allocated in steady state (from a second into the window), and the responses it counted meanwhile.</summary>
    public long SteadyAllocatedBytes { get; private set; }
    public long SteadyRequests { get; private set; }

    /// <summary>This thread's CPU time when the measured window began and when the loop ended.</summary>
    public TimeSpan CpuAtRecordingStart { get; private set; }
    public TimeSpan CpuAtEnd { get; private set; }

    /// <summary>When the loop ended.</summary>
    public long FinishedTs { get; private set; }

    /// <summary>An unexpected exception that ended the loop (a bug), reported by the run.</summary>
    public Exception? Failure { get; private set; }

    public void Start()
    {
        _thread = new Thread(RunLoop) { IsBackground = true, Name = "perfnb-loop-" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        _thread.Start();
    }

    public void Join() => _thread?.Join();

    /// <summary>Interrupts the wait from another thread (start, stop); does nothing once disposed.</summary>
    public abstract void Wake();

    /// <summary>Releases what outlives the loop's thread (the wake-up descriptor), once no thread can call <see cref="Wake"/>.</summary>
    public abstract void Dispose();

    // ---- what backends provide ----

    /// <summary>Prepares the poller on the loop's own thread (io_uring ties a ring to its submitter).</summary>
    protected abstract void Initialize();

    /// <summary>Opens a socket for <paramref name="connection"/> and starts connecting; 0, or the errno of an immediate failure.</summary>
    public abstract int StartConnect(Connection connection);

    /// <summary>Writes (or queues) the connection's batch; calls back <see cref="Connection.OnSent"/> or <see cref="Connection.OnSendFailed"/>.</summary>
    public abstract void Send(Connection connection);

    /// <summary>Closes the connection's socket; later events of it are ignored.</summary>
    public abstract void CloseSocket(Connection connection);

    /// <summary>Waits up to <paramref name="timeoutTicks"/> (0: just collect) and dispatches what happened.</summary>
    protected abstract void Poll(long timeoutTicks);

    /// <summary>Releases the poller; every socket is closed by then.</summary>
    protected abstract void Teardown();

    // ---- what connections call ----

    public void RequestConnect(Connection connection) => _gate.Request(connection, Stopwatch.GetTimestamp());

    public void ConnectFinished(Connection connection, bool connected, long now)
    {
        _gate.Release();
        if (!Started && !_openReported) _openPending--;
        if (!connected || connection.EverOpened) return;
        connection.EverOpened = true;
        Opened++;
        LastOpenedTs = now;
    }

    public void Schedule(Connection connection, long at) => _timers.Schedule(connection, at);

    public void MarkReady(Connection connection)
    {
        if (connection.InReadyList) return;
        connection.InReadyList = true;
        _ready[(_readyHead + _readyCount) % _ready.Length] = connection;
        _readyCount++;
    }

    public void ConnectionFinished() => _finished++;

    /// <summary>Inside the measured window of a timed run (for a request-count run: after the warm-up).</summary>
    public bool InWindow(long now) => now >= Run.RecordingStartTs && now < Run.WindowEndTs;

    public void Record(long correctedTicks, long uncorrectedTicks)
    {
        Corrected.RecordValue(Run.ToMicros(correctedTicks));
        Uncorrected.RecordValue(Run.ToMicros(uncorrectedTicks));
    }

    public void RecordSendLag(long lagTicks) => SendLag.RecordValue(Run.ToMicros(lagTicks));

    // ---- the loop ----

    private void RunLoop()
    {
        try
        {
            Initialize();
            var now = Stopwatch.GetTimestamp();
            foreach (var connection in Connections) connection.Open();
            var nextSweep = now + _sweepTicks;
            while (true)
            {
                now = Stopwatch.GetTimestamp();
                if (Run.StopRequested || now >= Run.WindowEndTs) break;
                if (!Started)
                {
                    if (!_openReported && (_openPending <= 0 || now >= Run.OpenDeadlineTs))
                    {
                        _openReported = true;
                        Run.LoopOpened();
                    }
                    if (Run.Started) StartConnections(now);
                }
                else if (_finished == Connections.Length)
                {
                    break;
                }
                if (!_recordingNoted && now >= Run.RecordingStartTs)
                {
                    _recordingNoted = true;
                    CpuAtRecordingStart = ThreadCpuClock.Now();
                }
                if (!_steadyNoted && now >= Run.SteadyStartTs)
                {
                    _steadyNoted = true;
                    _steadyAllocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
                    _steadyRequestsAtStart = Counters.Requests;
                }

                Poll(_readyCount > 0 || _gate.CanAdmit ? 0 : WaitTicks(now, nextSweep));

                now = Stopwatch.GetTimestamp();
                FlushReady();
                while (_timers.TryTakeDue(now, out var due)) due.OnTimer(now);
                FlushReady();
                _gate.Admit(now);
                if (now >= nextSweep)
                {
                    Sweep(now);
                    nextSweep = now + _sweepTicks;
                }
            }
        }
        catch (Exception e)
        {
            Failure = e;
            Run.Stop();
        }
        finally
        {
            FinishedTs = Stopwatch.GetTimestamp();
            CpuAtEnd = ThreadCpuClock.Now();
            if (_steadyNoted)
            {
                SteadyAllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - _steadyAllocatedAtStart;
                SteadyRequests = Counters.Requests - _steadyRequestsAtStart;
            }
            if (!_recordingNoted) CpuAtRecordingStart = CpuAtEnd;
            try
            {
                foreach (var connection in Connections) connection.Abandon();
                Teardown();
            }
            catch (Exception e)
            {
                Failure ??= e;
            }
            if (!_openReported) Run.LoopOpened();
            Run.LoopExited();
        }
    }

    private long WaitTicks(long now, long nextSweep)
    {
        var until = Math.Min(nextSweep, _timers.NextDue);
        until = Math.Min(until, Run.WindowEndTs);
        if (!_openReported) until = Math.Min(until, Run.OpenDeadlineTs);
        if (!_recordingNoted) until = Math.Min(until, Run.RecordingStartTs);
        if (!_steadyNoted) until = Math.Min(until, Run.SteadyStartTs);
        return Math.Max(0, until - now);
    }

    private void StartConnections(long now)
    {
        Started = true;
        foreach (var connection in Connections) connection.Start(now, Run.FirstIntendedTs(this, connection));
    }

    /// <summary>Sends for every connection made ready since the last flush (each once; a connection re-readied by its own send goes again).</summary>
    private void FlushReady()
    {
        while (_readyCount > 0)
        {
            var connection = _ready[_readyHead];
            _ready[_readyHead] = null!;
            _readyHead = (_readyHead + 1) % _ready.Length;
            _readyCount--;
            connection.InReadyList = false;
            connection.SendBatch(Stopwatch.GetTimestamp());
        }
    }

    private void Sweep(long now)
    {
        var timeout = Run.TimeoutTicks;
        foreach (var connection in Connections)
        {
            var since = connection.InFlightSince;
            if (since != 0 && now - since > timeout) connection.OnTimeout(now);
        }
    }
}
