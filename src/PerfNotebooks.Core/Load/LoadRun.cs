using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HdrHistogram;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Load;

/// <summary>
/// One run of the engine: the shared state every <see cref="LoadConnection"/> reads, the recorders they
/// write to, and the monitor thread that owns time (warm-up end, per-second intervals, timeouts, the
/// deadline, progress). The hot path touches only plain fields and two <see cref="Recorder"/>s.
/// </summary>
internal sealed class LoadRun
{
    /// <summary>Latencies above an hour are clamped: the histogram's range must be fixed up front.</summary>
    internal const long HighestTrackableUs = 3_600_000_000;

    private const int Significant = 3;
    private const long SendLagSaturationUs = 5_000;
    private const double CpuSaturationShare = 0.9;

    private readonly IProgress<LoadProgress>? _progress;
    private readonly CancellationToken _cancellation;
    private readonly CancellationTokenSource _stopSource = new();
    private readonly LoadConnection[] _connections;
    private readonly Recorder _correctedRecorder = NewRecorder();
    private readonly Recorder _uncorrectedRecorder = NewRecorder();
    private readonly Recorder _sendLagRecorder = NewRecorder();
    private readonly long _ticksPerUs = Math.Max(1, Stopwatch.Frequency / 1_000_000);
    private long _ticketsLeft;
    private volatile bool _recording;
    private volatile bool _stopping;
    private volatile bool _loopsDone;
    private long _runStartTs;
    private long _recordingStartTs;
    private long _endTs;

    private LoadRun(LoadSpec spec, IPEndPoint endPoint, IProgress<LoadProgress>? progress, CancellationToken cancellation)
    {
        Spec = spec;
        EndPoint = endPoint;
        _progress = progress;
        _cancellation = cancellation;
        Pipeline = Math.Max(1, spec.Pipeline);
        Request = RequestBytes.Build(spec);
        IsHead = spec.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);
        ConstantRate = spec.Rate is not null;
        RequestLimited = spec.Requests is not null;
        _ticketsLeft = spec.Requests ?? 0;
        if (spec.Rate is { } rate) IntervalTicks = Math.Max(1, (long)(Stopwatch.Frequency * (double)spec.Connections / rate));
        _connections = new LoadConnection[spec.Connections];
    }

    public LoadSpec Spec { get; }
    public IPEndPoint EndPoint { get; }
    public RequestBytes Request { get; }
    public int Pipeline { get; }
    public bool IsHead { get; }
    public bool ConstantRate { get; }
    public bool RequestLimited { get; }

    /// <summary>Constant rate: ticks between one connection's intended sends.</summary>
    public long IntervalTicks { get; }

    public int ReceiveBufferSize => 64 * 1024;

    /// <summary>
    /// A connection idle for longer than this is checked (a zero-timeout poll) before its next request: a
    /// server that closed it meanwhile closed an idle connection, which is no error. Back-to-back requests
    /// skip the check; for them any close is the outstanding request's error.
    /// </summary>
    public long IdleCheckTicks { get; } = Stopwatch.Frequency / 1000;
    public bool Recording => _recording;
    public bool Stopping => _stopping;
    public CancellationToken StopToken => _stopSource.Token;

    public static async Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        LoadSpecRules.Validate(spec);
        FileDescriptorLimit.EnsureRoomFor(spec.Connections);
        var endPoint = await ResolveAsync(spec.Url, cancellationToken).ConfigureAwait(false);
        var run = new LoadRun(spec, endPoint, progress, cancellationToken);
        return await run.ExecuteAsync().ConfigureAwait(false);
    }

    // ---- called from connection loops (hot path) ----

    public void Record(long correctedTicks, long uncorrectedTicks)
    {
        _correctedRecorder.RecordValue(ToMicros(correctedTicks));
        _uncorrectedRecorder.RecordValue(ToMicros(uncorrectedTicks));
    }

    public void RecordSendLag(long lagTicks)
    {
        if (_recording) _sendLagRecorder.RecordValue(ToMicros(lagTicks));
    }

    /// <summary>Takes up to <paramref name="wanted"/> of the remaining request budget; 0 when it is spent.</summary>
    public int ClaimTickets(int wanted)
    {
        while (true)
        {
            var left = Volatile.Read(ref _ticketsLeft);
            if (left <= 0) return 0;
            var take = (int)Math.Min(wanted, left);
            if (Interlocked.CompareExchange(ref _ticketsLeft, left - take, left) == left) return take;
        }
    }

    /// <summary>Gives back tickets of a batch that was never sent.</summary>
    public void ReturnTickets(int count)
    {
        if (count > 0 && RequestLimited) Interlocked.Add(ref _ticketsLeft, count);
    }

    private long ToMicros(long ticks)
    {
        var us = ticks / _ticksPerUs;
        return us < 0 ? 0 : us > HighestTrackableUs ? HighestTrackableUs : us;
    }

    // ---- orchestration ----

    private async Task<LoadResult> ExecuteAsync()
    {
        for (var i = 0; i < _connections.Length; i++) _connections[i] = new LoadConnection(this);
        // Cancellation is honoured from here on, while connections open as much as while they run.
        using var cancelRegistration = _cancellation.Register(static state => ((LoadRun)state!).Stop(), this);
        try
        {
            await OpenConnectionsAsync().ConfigureAwait(false);

            var startedAt = DateTimeOffset.UtcNow;
            _runStartTs = Stopwatch.GetTimestamp();
            // Constant rate: connections' schedules are staggered evenly over one interval.
            var perConnectionOffset = ConstantRate ? IntervalTicks / _connections.Length : 0;
            for (var i = 0; i < _connections.Length; i++) _connections[i].StartSchedule(_runStartTs + i * perConnectionOffset);

            var monitor = new LoadMonitor(this, _connections, _progress);
            if (Spec.Warmup <= TimeSpan.Zero) StartRecording(monitor);

            var monitorThread = new Thread(() => monitor.Run()) { IsBackground = true, Name = "perfnb-load-monitor" };
            monitorThread.Start();
            Thread? pacerThread = null;
            if (ConstantRate)
            {
                pacerThread = new Thread(RunPacer) { IsBackground = true, Name = "perfnb-load-pacer" };
                pacerThread.Start();
            }

            var loops = new Task[_connections.Length];
            for (var i = 0; i < loops.Length; i++)
            {
                var connection = _connections[i];
                loops[i] = Task.Run(connection.RunAsync);
            }
            await Task.WhenAll(loops).ConfigureAwait(false);
            if (Interlocked.Read(ref _endTs) == 0) Interlocked.CompareExchange(ref _endTs, Stopwatch.GetTimestamp(), 0);
            _stopping = true;
            _loopsDone = true;

            await monitor.Finished.ConfigureAwait(false);
            // Nothing of the run outlives it: both threads have returned before the result does.
            monitorThread.Join();
            pacerThread?.Join();
            return monitor.BuildResult(startedAt);
        }
        finally
        {
            foreach (var connection in _connections) connection?.Abort();
            _stopSource.Dispose();
        }
    }

    /// <summary>
    /// Opens every connection before the schedule starts. Each connect is bounded by the spec's timeout (a
    /// server whose accept queue is full drops SYNs, and the kernel would retry them for two minutes) and
    /// ends at once on <see cref="Stop"/>. A connection that could not open tries again in its loop.
    /// </summary>
    private async Task OpenConnectionsAsync()
    {
        var timeoutTicks = (long)(Spec.Timeout.TotalSeconds * Stopwatch.Frequency);
        var opening = new Task<bool>[_connections.Length];
        for (var i = 0; i < opening.Length; i++) opening[i] = _connections[i].OpenAsync();
        var timer = new Timer(static state =>
        {
            var (connections, ticks) = ((LoadConnection[], long))state!;
            var now = Stopwatch.GetTimestamp();
            foreach (var connection in connections) connection.TimeOutIfStale(now, ticks);
        }, (_connections, timeoutTicks), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
        try
        {
            await Task.WhenAll(opening).ConfigureAwait(false);
        }
        finally
        {
            // Waits for a callback in progress: no timer survives the opening.
            await timer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Called by the monitor when the warm-up ends (or at once without one).</summary>
    internal void StartRecording(LoadMonitor monitor)
    {
        _recordingStartTs = Stopwatch.GetTimestamp();
        _correctedRecorder.Reset();
        _uncorrectedRecorder.Reset();
        _sendLagRecorder.Reset();
        monitor.OnRecordingStarted(_recordingStartTs);
        _recording = true;
    }

    /// <summary>Ends the run: no new batches, sockets closed so pending reads return, pacer waiters released.</summary>
    internal void Stop()
    {
        if (_stopping) return;
        Interlocked.CompareExchange(ref _endTs, Stopwatch.GetTimestamp(), 0);
        _stopping = true;
        try
        {
            _stopSource.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run has ended.
        }
        foreach (var connection in _connections)
        {
            connection?.Abort();
            connection?.Wake();
        }

    }

    internal long RunStartTs => _runStartTs;
    internal long RecordingStartTs => _recordingStartTs;
    internal long EndTs => Interlocked.Read(ref _endTs);
    internal bool LoopsDone => _loopsDone;
    internal Recorder CorrectedRecorder => _correctedRecorder;
    internal Recorder UncorrectedRecorder => _uncorrectedRecorder;
    internal Recorder SendLagRecorder => _sendLagRecorder;

    /// <summary>
    /// Constant rate: wakes each connection at its intended send time. A dedicated thread ticking about
    /// every millisecond (a sleep-until-earliest design measured later sends under load for ~2% of a core
    /// saved); the woken loop runs inline here up to its next socket wait, so waking costs no
    /// thread-pool hop and no allocation.
    /// </summary>
    private void RunPacer()
    {
        var connections = _connections;
        while (!_loopsDone)
        {
            var now = Stopwatch.GetTimestamp();
            var stopping = _stopping;
            foreach (var connection in connections)
            {
                if (Volatile.Read(ref connection.Waiting) == 1 && (stopping || now >= Volatile.Read(ref connection.WakeAt)))
                    connection.Wake();
            }
            Thread.Sleep(1);
        }
    }

    private static Recorder NewRecorder()
        => new(1, HighestTrackableUs, Significant, (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits));

    private static async Task<IPEndPoint> ResolveAsync(Uri url, CancellationToken cancellationToken)
    {
        var host = url.IdnHost;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address)) return new IPEndPoint(address, url.Port);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            if (chosen is null) throw new PerfNotebooksException($"host '{host}' has no address.");
            return new IPEndPoint(chosen, url.Port);
        }
        catch (SocketException e)
        {
            throw new PerfNotebooksException($"host '{host}' could not be resolved: {e.Message}", e);
        }
    }

    internal static long SendLagSaturationThresholdUs => SendLagSaturationUs;
    internal static double CpuSaturationThreshold => CpuSaturationShare;
    internal long TicksPerUs => _ticksPerUs;
}
