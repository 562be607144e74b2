using System.Diagnostics;
using HdrHistogram;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Load;

/// <summary>
/// The run's clock, on its own thread: ends the warm-up, cuts one interval histogram per second
/// (recycled scratch histograms, added into the run totals), builds the per-second timeline, times out
/// slow responses, stops the run at its deadline and reports progress. It then turns the counters and
/// histograms into the immutable <see cref="LoadResult"/>.
/// </summary>
internal sealed class LoadMonitor
{
    private readonly LoadRun _run;
    private readonly LoadConnection[] _connections;
    private readonly IProgress<LoadProgress>? _progress;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _frequency = Stopwatch.Frequency;
    private readonly HistogramBase _correctedTotal = NewHistogram();
    private readonly HistogramBase _uncorrectedTotal = NewHistogram();
    private readonly HistogramBase _sendLagTotal = NewHistogram();
    private readonly HistogramBase _scratch = NewHistogram();
    private readonly List<TimelineSecond> _timeline = [];
    private readonly List<HistogramInterval> _intervals = [];
    private long _intervalStartTs;
    private long _timelineRequests;
    private long _timelineErrors;
    private TimeSpan _cpuAtStart;
    private TimeSpan _cpuAtEnd;

    // Steady-state allocation window: from one second into the recorded phase to its end.
    private bool _steadyMarked;
    private long _steadyAllocated;
    private long _steadyMonitorAllocated;
    private long _steadyRequests;
    private double _allocatedBytesPerRequest;

    public LoadMonitor(LoadRun run, LoadConnection[] connections, IProgress<LoadProgress>? progress)
    {
        _run = run;
        _connections = connections;
        _progress = progress;
    }

    public Task Finished => _finished.Task;

    public void OnRecordingStarted(long timestamp)
    {
        _intervalStartTs = timestamp;
        _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public void Run()
    {
        try
        {
            Loop();
        }
        catch (Exception e)
        {
            // A bug here must not hang the run: stop it and let RunAsync report what was measured.
            Trace.TraceError($"perfnb load monitor failed: {e}");
            _run.Stop();
            while (!_run.LoopsDone) Thread.Sleep(10);
        }
        finally
        {
            _finished.TrySetResult();
        }
    }

    private void Loop()
    {
        var spec = _run.Spec;
        var tick = _frequency / 10;
        var warmupEnd = _run.RunStartTs + (long)(spec.Warmup.TotalSeconds * _frequency);
        var timeoutTicks = (long)(spec.Timeout.TotalSeconds * _frequency);
        var nextProgress = _run.RunStartTs + _frequency;
        long lastProgressResponses = 0;
        long lastProgressTs = _run.RunStartTs;

        while (!_run.LoopsDone)
        {
            var now = Stopwatch.GetTimestamp();
            var nextEvent = now + tick;
            if (!_run.Recording)
            {
                if (now >= warmupEnd) _run.StartRecording(this);
                else nextEvent = Math.Min(nextEvent, warmupEnd);
            }
            if (_run.Recording)
            {
                if (!_run.RequestLimited)
                {
                    var deadline = _run.RecordingStartTs + (long)(spec.Duration.TotalSeconds * _frequency);
                    if (now >= deadline) _run.Stop();
                    else nextEvent = Math.Min(nextEvent, deadline);
                }
                if (now >= _intervalStartTs + _frequency && !_run.Stopping)
                {
                    CutInterval(now);
                    if (!_steadyMarked) MarkSteadyStart();
                }
                nextEvent = Math.Min(nextEvent, _intervalStartTs + _frequency);
            }

            foreach (var connection in _connections) connection.TimeOutIfStale(now, timeoutTicks);

            if (now >= nextProgress)
            {
                var responses = SumResponses();
                var rate = (responses - lastProgressResponses) / Math.Max(1e-9, (now - lastProgressTs) / (double)_frequency);
                _progress?.Report(new LoadProgress(
                    TimeSpan.FromSeconds((now - _run.RunStartTs) / (double)_frequency),
                    !_run.Recording,
                    Sum(static c => c.Requests),
                    SumErrors(),
                    rate));
                lastProgressResponses = responses;
                lastProgressTs = now;
                nextProgress += _frequency;
            }
            nextEvent = Math.Min(nextEvent, nextProgress);

            var sleepMs = (int)Math.Ceiling((nextEvent - Stopwatch.GetTimestamp()) * 1000.0 / _frequency);
            if (sleepMs > 0) Thread.Sleep(Math.Min(sleepMs, 100));
        }

        // The loops are done: the last (partial) interval, the totals, the allocation audit.
        if (_run.Recording)
        {
            var end = _run.EndTs;
            CutInterval(Math.Max(end, _intervalStartTs));
            _cpuAtEnd = Process.GetCurrentProcess().TotalProcessorTime;
            var requests = Sum(static c => c.Requests);
            if (_steadyMarked && requests - _steadyRequests > 0)
            {
                var allocated = GC.GetTotalAllocatedBytes(true) - _steadyAllocated;
                var monitor = GC.GetAllocatedBytesForCurrentThread() - _steadyMonitorAllocated;
                _allocatedBytesPerRequest = Math.Max(0, allocated - monitor) / (double)(requests - _steadyRequests);
            }
        }
    }

    private void MarkSteadyStart()
    {
        _steadyMarked = true;
        _steadyRequests = Sum(static c => c.Requests);
        _steadyMonitorAllocated = GC.GetAllocatedBytesForCurrentThread();
        _steadyAllocated = GC.GetTotalAllocatedBytes(true);
    }

    /// <summary>Closes the interval [start, now): adds it to the totals, the timeline and the interval list.</summary>
    private void CutInterval(long now)
    {
        var start = _intervalStartTs;
        _run.CorrectedRecorder.GetIntervalHistogramInto(_scratch);
        _correctedTotal.Add(_scratch);
        var requests = Sum(static c => c.Requests);
        var errors = SumErrors();
        var second = (int)Math.Round((start - _run.RecordingStartTs) / (double)_frequency);
        var intervalRequests = requests - _timelineRequests;
        var intervalErrors = errors - _timelineErrors;
        var length = (now - start) / (double)_frequency;
        if (length > 0.001 || intervalRequests > 0 || intervalErrors > 0)
        {
            _timeline.Add(new TimelineSecond(second, intervalRequests, intervalErrors,
                _scratch.TotalCount == 0 ? 0 : _scratch.GetValueAtPercentile(50),
                _scratch.TotalCount == 0 ? 0 : _scratch.GetValueAtPercentile(99)));
            _intervals.Add(new HistogramInterval((start - _run.RecordingStartTs) / (double)_frequency, length, HistogramCodec.Encode(_scratch)));
        }
        _timelineRequests = requests;
        _timelineErrors = errors;

        _run.UncorrectedRecorder.GetIntervalHistogramInto(_scratch);
        _uncorrectedTotal.Add(_scratch);
        _run.SendLagRecorder.GetIntervalHistogramInto(_scratch);
        _sendLagTotal.Add(_scratch);
        _intervalStartTs = now;
    }

    public LoadResult BuildResult(DateTimeOffset startedAt)
    {
        var spec = _run.Spec;
        var recorded = _run.Recording;
        var durationSeconds = recorded ? Math.Max(0, (_run.EndTs - _run.RecordingStartTs) / (double)_frequency) : 0;
        var requests = Sum(static c => c.Requests);

        var status = new SortedDictionary<int, long>();
        foreach (var connection in _connections)
        {
            var counts = connection.StatusCounts;
            for (var code = 0; code < counts.Length; code++)
            {
                if (counts[code] == 0) continue;
                status[code] = status.GetValueOrDefault(code) + counts[code];
            }
        }
        var nonSuccess = requests - Sum(static c => c.Successes);
        var known = status.Values.Sum();
        if (nonSuccess > known) status[0] = status.GetValueOrDefault(0) + nonSuccess - known; // status codes beyond 599

        var errors = new ErrorCounts
        {
            Connect = Sum(static c => c.ConnectErrors),
            Read = Sum(static c => c.ReadErrors),
            Reset = Sum(static c => c.ResetErrors),
            Write = Sum(static c => c.WriteErrors),
            Timeout = Sum(static c => c.Timeouts),
            Protocol = Sum(static c => c.ProtocolErrors),
            Status = status,
        };

        var cpuSeconds = recorded ? Math.Max(0, (_cpuAtEnd - _cpuAtStart).TotalSeconds) : 0;
        var lagP99 = _sendLagTotal.TotalCount == 0 ? 0 : _sendLagTotal.GetValueAtPercentile(99);
        var lagMax = _sendLagTotal.TotalCount == 0 ? 0 : _sendLagTotal.GetMaxValue();
        var saturation = SaturationReason(spec, durationSeconds, cpuSeconds, lagP99);

        return new LoadResult
        {
            Spec = spec,
            Summary = new LoadSummary(requests, durationSeconds, durationSeconds > 0 ? requests / durationSeconds : 0,
                LatencyPercentiles.From(_correctedTotal), errors.Total),
            Corrected = _correctedTotal,
            Uncorrected = _uncorrectedTotal,
            Timeline = _timeline.ToArray(),
            Intervals = _intervals.ToArray(),
            Errors = errors,
            Client = new ClientAudit(cpuSeconds, lagP99, lagMax, saturation is not null, saturation)
            {
                AllocatedBytesPerRequest = _allocatedBytesPerRequest,
            },
            Reconnects = Sum(static c => c.Reconnects),
            StartedAt = startedAt,
        };
    }

    private static string? SaturationReason(LoadSpec spec, double durationSeconds, double cpuSeconds, long lagP99Us)
    {
        if (durationSeconds <= 0) return null;
        if (spec.Rate is not null && lagP99Us > LoadRun.SendLagSaturationThresholdUs)
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"sends went out late: p99 send lag {lagP99Us / 1000.0:0.0} ms (over {LoadRun.SendLagSaturationThresholdUs / 1000} ms)");
        }
        var cores = Environment.ProcessorCount;
        var share = cpuSeconds / (durationSeconds * cores);
        if (share >= LoadRun.CpuSaturationThreshold)
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the generator used {share * 100:0}% of the {cores} CPU(s) it could run on");
        }
        return null;
    }

    private long SumResponses()
    {
        long total = 0;
        foreach (var c in _connections) total += c.Requests + c.WarmupResponses;
        return total;
    }

    private long SumErrors()
    {
        long total = 0;
        foreach (var c in _connections) total += c.ErrorsTotal;
        return total;
    }

    private long Sum(Func<LoadConnection, long> field)
    {
        long total = 0;
        foreach (var c in _connections) total += field(c);
        return total;
    }

    private static HistogramBase NewHistogram() => new LongHistogram(1, LoadRun.HighestTrackableUs, 3);
}
