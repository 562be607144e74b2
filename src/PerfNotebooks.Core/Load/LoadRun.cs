using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HdrHistogram;
using PerfNotebooks.Load.EventLoops;
using PerfNotebooks.Load.Native;

namespace PerfNotebooks.Load;

/// <summary>
/// One run of the engine: what every event loop reads (the request bytes, the server's address, the schedule's
/// timestamps, the stop flag, the request budget) and the orchestration around the loops. The phases: open every
/// connection (paced, bounded by the timeout), start the clock (warm-up, then the measured window), let the loops run
/// until the window ends, the budget is spent or the run is cancelled, then build the result from their counters and
/// histograms. Time-critical decisions are made by the loops themselves from the timestamps set here before the
/// start; the monitor only reads.
/// </summary>
internal sealed class LoadRun : IDisposable
{
    /// <summary>Latencies above an hour are clamped: the histogram's range must be fixed up front.</summary>
    internal const long HighestTrackableUs = 3_600_000_000;

    /// <summary>Connects in flight over all loops while connections open (see <see cref="ConnectGate"/>).</summary>
    internal const int ConnectsInFlight = 128;

    /// <summary>Environment variable that picks the backend when the spec leaves it on Auto: io_uring, epoll or auto.</summary>
    public const string BackendVariable = "PERFNB_LOAD_BACKEND";

    private const int Significant = 3;
    private const long SendLagSaturationUs = 5_000;
    private const double LoopSaturationShare = 0.9;

    private readonly IProgress<LoadProgress>? _progress;
    private readonly CancellationToken _cancellation;
    private readonly byte[] _requestPinned;
    private readonly TaskCompletionSource _allOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _allExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _ticksPerUs = Math.Max(1, Stopwatch.Frequency / 1_000_000);
    private EventLoop[] _loops = [];
    private int _loopsToOpen;
    private int _loopsRunning;
    private long _ticketsLeft;
    private long _stopTs;
    private volatile bool _started;
    private volatile bool _stopRequested;

    private unsafe LoadRun(LoadSpec spec, IPEndPoint endPoint, IProgress<LoadProgress>? progress, CancellationToken cancellation)
    {
        Spec = spec;
        _progress = progress;
        _cancellation = cancellation;
        Address = NativeSocketAddress.From(endPoint);
        Pipeline = Math.Max(1, spec.Pipeline);
        var request = RequestBytes.Build(spec);
        RequestLength = request.RequestLength;
        // Pinned for the run: io_uring sends read it after the call that queued them returned.
        _requestPinned = GC.AllocateArray<byte>(request.Bytes.Length, pinned: true);
        request.Bytes.CopyTo(_requestPinned, 0);
        RequestStart = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_requestPinned));
        IsHead = spec.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);
        ConstantRate = spec.IsOpenLoop;
        RequestLimited = spec.Requests is not null;
        _ticketsLeft = spec.Requests ?? 0;
        if (spec.EffectiveRate is { } rate) IntervalTicks = Math.Max(1, (long)(Stopwatch.Frequency * (double)spec.Connections / rate));
        if (spec.Profile is { } profile) Schedule = new RateSchedule(profile, spec.Warmup);
        if (spec.IsWebSocket) WebSocket = spec.WebSocket ?? WebSocketLoad.Echo;
        TimeoutTicks = Math.Max(1, (long)(spec.Timeout.TotalSeconds * Stopwatch.Frequency));
        ConnectBackOffTicks = Stopwatch.Frequency / 100;
    }

    public LoadSpec Spec { get; }
    public NativeSocketAddress Address { get; }

    /// <summary>Pipeline-many copies of the request, back to back: a batch of N is the first N * RequestLength bytes.</summary>
    public unsafe byte* RequestStart { get; }
    public int RequestLength { get; }
    public int Pipeline { get; }
    public bool IsHead { get; }
    public bool ConstantRate { get; }
    public bool RequestLimited { get; }

    /// <summary>Constant rate: ticks between one connection's intended sends.</summary>
    public long IntervalTicks { get; }

    /// <summary>A rate profile's schedule (request n's intended time); null at a constant rate or in closed loop.</summary>
    public RateSchedule? Schedule { get; }

    /// <summary>How a ws:// run talks (echo or broadcast); null for HTTP.</summary>
    public WebSocketLoad? WebSocket { get; }

    /// <summary>Event-loop threads of the run (set before the loops are made: a connection's global index needs it).</summary>
    public int ThreadCount { get; private set; } = 1;
    public long TimeoutTicks { get; }

    /// <summary>
    /// A timed run without a warm-up counts connects that fail while connections open (they are part of its
    /// window); with a warm-up they belong to it, and with a request count only attempts that take a request count.
    /// </summary>
    public bool CountsOpeningFailures => Spec.Warmup <= TimeSpan.Zero && !RequestLimited;

    /// <summary>Pause after a failed connect, so a dead port is not spun on.</summary>
    public long ConnectBackOffTicks { get; }

    // The schedule. Written before Started is set (a volatile write), read by the loops after they see it.

    /// <summary>Connections still opening by now are left to finish while the run goes on.</summary>
    public long OpenDeadlineTs { get; private set; } = long.MaxValue;
    public long OpenStartTs { get; private set; }
    public long RunStartTs { get; private set; }

    /// <summary>End of the warm-up: responses from here on are measured. <see cref="long.MaxValue"/> before the start.</summary>
    public long RecordingStartTs { get; private set; } = long.MaxValue;

    /// <summary>A second into the measured window: the loops' allocation audit starts here, after warm-up effects.</summary>
    public long SteadyStartTs { get; private set; } = long.MaxValue;

    /// <summary>End of a timed run's measured window (<see cref="long.MaxValue"/> for a request count).</summary>
    public long WindowEndTs { get; private set; } = long.MaxValue;

    public bool Started => _started;
    public bool StopRequested => _stopRequested;
    public IReadOnlyList<EventLoop> Loops => _loops;

    /// <summary>When the measured phase ended (set once every loop has exited).</summary>
    public long EndTs { get; private set; }

    public string Backend { get; private set; } = "";
    public string? BackendNote { get; private set; }

    public static async Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        CheckBeforeRun(spec);
        var endPoint = await ResolveAsync(spec.Url, cancellationToken).ConfigureAwait(false);
        // A ws:// URL that does not upgrade is one line with the status it answered, before any load connection opens.
        if (spec.IsWebSocket) await WebSockets.WebSocketProbe.CheckAsync(spec.Url, endPoint, spec.Headers, spec.Timeout, cancellationToken).ConfigureAwait(false);
        using var run = new LoadRun(spec, endPoint, progress, cancellationToken);
        return await run.ExecuteAsync().ConfigureAwait(false);
    }

    /// <summary>See <see cref="LoadEngine.CheckWebSocketAsync"/>.</summary>
    public static async Task CheckWebSocketAsync(LoadSpec spec, CancellationToken cancellationToken)
    {
        if (!spec.IsWebSocket) return;
        var endPoint = await ResolveAsync(spec.Url, cancellationToken).ConfigureAwait(false);
        await WebSockets.WebSocketProbe.CheckAsync(spec.Url, endPoint, spec.Headers, spec.Timeout, cancellationToken).ConfigureAwait(false);
    }

    // ---- called by the loops ----

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

    /// <summary>Open loop: a connection's first intended send, the schedules staggered evenly over one interval (or the profile's first requests).</summary>
    public long FirstIntendedTs(EventLoop loop, Connection connection)
    {
        if (!ConstantRate) return RunStartTs;
        if (Schedule is not null) return IntendedTs(connection.GlobalIndex);
        return RunStartTs + (long)connection.GlobalIndex * IntervalTicks / Spec.Connections;
    }

    /// <summary>A profiled run: when request <paramref name="n"/> (over all connections) is due; <see cref="long.MaxValue"/> when never.</summary>
    public long IntendedTs(long n)
    {
        var seconds = Schedule!.SecondsOf(n);
        var ticks = seconds * Stopwatch.Frequency;
        return ticks >= long.MaxValue / 2 ? long.MaxValue : RunStartTs + (long)ticks;
    }

    /// <summary>Connection <paramref name="index"/> of <paramref name="loop"/>: an HTTP one, or a WebSocket client for a ws:// URL.</summary>
    public Connection NewConnection(EventLoop loop, int index)
    {
        var globalIndex = index * ThreadCount + loop.Id;
        return WebSocket is null ? new HttpConnection(loop, index, globalIndex) : new WebSocketConnection(loop, index, globalIndex);
    }

    public long ToMicros(long ticks)
    {
        var us = ticks / _ticksPerUs;
        return us < 0 ? 0 : us > HighestTrackableUs ? HighestTrackableUs : us;
    }

    public static long TicksToNanoseconds(long ticks) => Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency));

    /// <summary>A loop has opened what it could (or its opening time is up).</summary>
    public void LoopOpened()
    {
        if (Interlocked.Decrement(ref _loopsToOpen) == 0) _allOpened.TrySetResult();
    }

    public void LoopExited()
    {
        if (Interlocked.Decrement(ref _loopsRunning) == 0) _allExited.TrySetResult();
    }

    /// <summary>Ends the run (cancellation, the monitor's deadline, a loop's failure): loops stop at their next wake.</summary>
    public void Stop()
    {
        Interlocked.CompareExchange(ref _stopTs, Stopwatch.GetTimestamp(), 0);
        _stopRequested = true;
        foreach (var loop in _loops) loop.Wake();
    }

    // ---- orchestration ----

    private async Task<LoadResult> ExecuteAsync()
    {
        _loops = CreateLoops();
        _loopsToOpen = _loops.Length;
        _loopsRunning = _loops.Length;
        using var cancelRegistration = _cancellation.Register(static state => ((LoadRun)state!).Stop(), this);

        OpenStartTs = Stopwatch.GetTimestamp();
        OpenDeadlineTs = OpenStartTs + TimeoutTicks;
        foreach (var loop in _loops) loop.Start();
        await Task.WhenAny(_allOpened.Task, _allExited.Task).ConfigureAwait(false);

        var startedAt = DateTimeOffset.UtcNow;
        RunStartTs = Stopwatch.GetTimestamp();
        RecordingStartTs = RunStartTs + (long)(Spec.Warmup.TotalSeconds * Stopwatch.Frequency);
        WindowEndTs = RequestLimited ? long.MaxValue : RecordingStartTs + (long)(Spec.Duration.TotalSeconds * Stopwatch.Frequency);
        SteadyStartTs = RecordingStartTs + Stopwatch.Frequency;
        _started = true;
        foreach (var loop in _loops) loop.Wake();

        var monitor = new LoadMonitor(this, _progress);
        var monitorThread = new Thread(monitor.Run) { IsBackground = true, Name = "perfnb-load-monitor" };
        monitorThread.Start();

        await _allExited.Task.ConfigureAwait(false);
        foreach (var loop in _loops) loop.Join();
        EndTs = ComputeEnd();
        await monitor.Finished.ConfigureAwait(false);
        cancelRegistration.Dispose();

        var failure = _loops.Select(l => l.Failure).FirstOrDefault(f => f is not null);
        if (failure is not null) throw new InvalidOperationException($"the load engine's {Backend} loop failed: {failure.Message}", failure);
        return monitor.BuildResult(startedAt);
    }

    private long ComputeEnd()
    {
        var end = WindowEndTs;
        var stop = Interlocked.Read(ref _stopTs);
        if (stop != 0) end = Math.Min(end, stop);
        var lastLoop = _loops.Max(l => l.FinishedTs);
        return Math.Max(RunStartTs, Math.Min(end, lastLoop));
    }

    private EventLoop[] CreateLoops()
    {
        var threads = Math.Clamp(Spec.Threads ?? CpuAffinity.CountForCurrentThread(), 1, Spec.Connections);
        ThreadCount = threads;
        var loops = new EventLoop[threads];
        var perLoopConnects = Math.Max(1, ConnectsInFlight / threads);
        // Connection i goes to loop i % threads (FirstIntendedTs relies on it).
        int Count(int id) => Spec.Connections / threads + (id < Spec.Connections % threads ? 1 : 0);
        if (ChooseBackend())
        {
            var made = 0;
            try
            {
                for (; made < threads; made++) loops[made] = new IoUringEventLoop(this, made, Count(made), perLoopConnects);
                Backend = "io_uring";
                return loops;
            }
            catch (IoUringRefusedException e)
            {
                for (var id = 0; id < made; id++) ((IoUringEventLoop)loops[id]).Release();
                BackendNote = "io_uring unavailable (" + e.Message + ")";
            }
        }
        for (var id = 0; id < threads; id++) loops[id] = new EpollEventLoop(this, id, Count(id), perLoopConnects);
        Backend = "epoll";
        return loops;
    }

    private bool ChooseBackend()
    {
        if (RequestedBackend(Spec) == LoadBackend.Epoll) return false;
        if (WebSocket is not null)
        {
            // io_uring's sends here are fire-and-forget (a completion only on failure): a client that writes a pong, or
            // its next broadcast message, while the last write still waits for room could not know, and two frames could
            // interleave. epoll writes synchronously and knows when a write is done.
            BackendNote = "WebSocket runs use epoll: a client must know its last frame is written before the next";
            return false;
        }
        var refusal = IoUringSupport.WhyUnavailable;
        if (refusal is null) return true;
        BackendNote = "io_uring unavailable (" + refusal + ")";
        return false;
    }

    /// <summary>The spec's backend; for <see cref="LoadBackend.Auto"/>, what <see cref="BackendVariable"/> asks for.</summary>
    private static LoadBackend RequestedBackend(LoadSpec spec)
    {
        if (spec.Backend != LoadBackend.Auto) return spec.Backend;
        var variable = Environment.GetEnvironmentVariable(BackendVariable);
        if (string.IsNullOrWhiteSpace(variable)) return LoadBackend.Auto;
        if (!LoadBackendNames.TryParse(variable, out var backend))
            throw new PerfNotebooksException($"{BackendVariable}='{variable}' is not a backend; use {LoadBackendNames.Accepted}.");
        return backend;
    }

    /// <summary>The spec, the platform, the backend asked for, and room for the connections (see <see cref="LoadEngine.CheckBeforeRun"/>).</summary>
    public static void CheckBeforeRun(LoadSpec spec)
    {
        LoadSpecRules.Validate(spec);
        if (!OperatingSystem.IsLinux()) throw new PerfNotebooksException("the load engine needs Linux (it drives epoll or io_uring directly).");
        RequestedBackend(spec);
        FileDescriptorLimit.EnsureRoomFor(spec.Connections);
    }

    internal static Recorder NewRecorder()
        => new(1, HighestTrackableUs, Significant, (id, low, high, digits) => new LongHistogram(id, low, high, digits));

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
    internal static double LoopSaturationThreshold => LoopSaturationShare;

    public void Dispose()
    {
        foreach (var loop in _loops) loop.Dispose();
        Address.Dispose();
    }
}
