using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using PerfNotebooks.Load.EventLoops;
using PerfNotebooks.Load.Native;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Load;

/// <summary>
/// The run's clock for people, on its own thread: cuts one interval histogram per second from every loop's recorders
/// (recycled scratch histograms, added into the run totals), builds the per-second timeline, reports progress, and
/// stops the run at its deadline should a loop not have stopped itself. It only reads what the loops write. It then
/// turns their counters and histograms into the immutable <see cref="LoadResult"/>.
/// </summary>
internal sealed class LoadMonitor
{
    private readonly LoadRun _run;
    private readonly IReadOnlyList<EventLoop> _loops;
    private readonly IProgress<LoadProgress>? _progress;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _frequency = Stopwatch.Frequency;
    private readonly HistogramBase _correctedTotal = NewHistogram();
    private readonly HistogramBase _uncorrectedTotal = NewHistogram();
    private readonly HistogramBase _sendLagTotal = NewHistogram();
    private readonly HistogramBase _interval = NewHistogram();
    private readonly HistogramBase _scratch = NewHistogram();
    private readonly List<TimelineSecond> _timeline = [];
    private readonly List<HistogramInterval> _intervals = [];
    private bool _recording;
    private long _intervalStartTs;
    private long _timelineRequests;
    private long _timelineErrors;
    private TimeSpan _cpuAtStart;
    private TimeSpan _cpuAtEnd;

    public LoadMonitor(LoadRun run, IProgress<LoadProgress>? progress)
    {
        _run = run;
        _loops = run.Loops;
        _progress = progress;
    }

    public Task Finished => _finished.Task;

    public void Run()
    {
        try
        {
            Loop();
        }
        catch (Exception e)
        {
            // A bug here must not hang the run: stop it and let RunAsync report what was measured.
            Trace.TraceError($"the load monitor failed: {e}");
            _run.Stop();
            while (_run.EndTs == 0) Thread.Sleep(10);
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
        var nextProgress = _run.RunStartTs + _frequency;
        long lastProgressResponses = 0;
        var lastProgressTs = _run.RunStartTs;
        // Only a safety net: each loop ends itself at the window's end.
        var deadline = _run.WindowEndTs == long.MaxValue ? long.MaxValue : _run.WindowEndTs + _frequency / 2;

        while (_run.EndTs == 0)
        {
            var now = Stopwatch.GetTimestamp();
            var nextEvent = now + tick;
            if (!_recording)
            {
                if (now >= _run.RecordingStartTs) StartRecording();
                else nextEvent = Math.Min(nextEvent, _run.RecordingStartTs);
            }
            if (_recording)
            {
                var intervalEnd = _intervalStartTs + _frequency;
                if (now >= intervalEnd && intervalEnd <= _run.WindowEndTs)
                {
                    CutInterval(intervalEnd);
                }
                nextEvent = Math.Min(nextEvent, _intervalStartTs + _frequency);
            }
            if (now >= deadline) _run.Stop();

            if (now >= nextProgress)
            {
                var responses = SumResponses();
                var rate = (responses - lastProgressResponses) / Math.Max(1e-9, (now - lastProgressTs) / (double)_frequency);
                _progress?.Report(new LoadProgress(
                    TimeSpan.FromSeconds((now - _run.RunStartTs) / (double)_frequency),
                    !_recording,
                    Sum(static c => c.Requests),
                    Sum(static c => c.Errors),
                    rate));
                lastProgressResponses = responses;
                lastProgressTs = now;
                nextProgress += _frequency;
            }
            nextEvent = Math.Min(nextEvent, nextProgress);

            var sleepMs = (int)Math.Ceiling((nextEvent - Stopwatch.GetTimestamp()) * 1000.0 / _frequency);
            if (sleepMs > 0) Thread.Sleep(Math.Min(sleepMs, 100));
        }

        // The loops are done: the last (partial) interval and the totals.
        var end = _run.EndTs;
        if (!_recording && end > _run.RecordingStartTs) StartRecording();
        if (_recording)
        {
            CutInterval(Math.Max(end, _intervalStartTs));
            _cpuAtEnd = Process.GetCurrentProcess().TotalProcessorTime;
        }
    }

    private void StartRecording()
    {
        _recording = true;
        _intervalStartTs = _run.RecordingStartTs;
        _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    /// <summary>Closes the interval [start, end): adds it to the totals, the timeline and the interval list.</summary>
    private void CutInterval(long end)
    {
        var start = _intervalStartTs;
        _interval.Reset();
        foreach (var loop in _loops)
        {
            loop.Corrected.GetIntervalHistogramInto(_scratch);
            _interval.Add(_scratch);
        }
        _correctedTotal.Add(_interval);
        var requests = Sum(static c => c.Requests);
        var errors = Sum(static c => c.Errors);
        var second = (int)Math.Round((start - _run.RecordingStartTs) / (double)_frequency);
        var intervalRequests = requests - _timelineRequests;
        var intervalErrors = errors - _timelineErrors;
        var length = (end - start) / (double)_frequency;
        if (length > 0.001 || intervalRequests > 0 || intervalErrors > 0)
        {
            _timeline.Add(new TimelineSecond(second, intervalRequests, intervalErrors,
                _interval.TotalCount == 0 ? 0 : _interval.GetValueAtPercentile(50),
                _interval.TotalCount == 0 ? 0 : _interval.GetValueAtPercentile(99)));
            _intervals.Add(new HistogramInterval((start - _run.RecordingStartTs) / (double)_frequency, length, HistogramCodec.Encode(_interval)));
        }
        _timelineRequests = requests;
        _timelineErrors = errors;

        foreach (var loop in _loops)
        {
            loop.Uncorrected.GetIntervalHistogramInto(_scratch);
            _uncorrectedTotal.Add(_scratch);
            loop.SendLag.GetIntervalHistogramInto(_scratch);
            _sendLagTotal.Add(_scratch);
        }
        _intervalStartTs = end;
    }

    public LoadResult BuildResult(DateTimeOffset startedAt)
    {
        var spec = _run.Spec;
        var durationSeconds = _recording ? Math.Max(0, (_run.EndTs - _run.RecordingStartTs) / (double)_frequency) : 0;
        var requests = Sum(static c => c.Requests);

        var status = new SortedDictionary<int, long>();
        foreach (var loop in _loops)
        {
            var counts = loop.Counters.Status;
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
            Connect = Sum(static c => c.Connect),
            Read = Sum(static c => c.Read),
            Reset = Sum(static c => c.Reset),
            Write = Sum(static c => c.Write),
            Timeout = Sum(static c => c.Timeout),
            Protocol = Sum(static c => c.Protocol),
            Status = status,
        };

        var cpuSeconds = _recording ? Math.Max(0, (_cpuAtEnd - _cpuAtStart).TotalSeconds) : 0;
        var busiest = durationSeconds <= 0 ? 0 : _loops.Max(l => (l.CpuAtEnd - l.CpuAtRecordingStart).TotalSeconds) / durationSeconds;
        var lagP99 = _sendLagTotal.TotalCount == 0 ? 0 : _sendLagTotal.GetValueAtPercentile(99);
        var lagMax = _sendLagTotal.TotalCount == 0 ? 0 : _sendLagTotal.GetMaxValue();
        var saturation = SaturationReason(spec, durationSeconds, busiest, lagP99);
        var opened = _loops.Sum(l => l.Opened);
        var lastOpened = _loops.Max(l => l.LastOpenedTs);
        // What the loops' own threads allocated per response from a second into the window: the hot path's share,
        // exactly, without the runtime's background work on other threads.
        var steadyRequests = _loops.Sum(l => l.SteadyRequests);
        var allocatedPerRequest = steadyRequests > 0 ? _loops.Sum(l => l.SteadyAllocatedBytes) / (double)steadyRequests : 0;

        WebSocketMessages? messages = null;
        if (_run.WebSocket is { } ws)
        {
            var sent = Sum(static c => c.MessagesSent);
            var received = Sum(static c => c.Successes);
            messages = new WebSocketMessages
            {
                Mode = ws.Mode,
                Rooms = ws.Rooms,
                Size = ws.MessageSize,
                Sent = sent,
                Received = received,
                DeliveriesDue = ws.Rooms is null ? sent : Sum(static c => c.DeliveriesDue),
                ReceivedPerSecond = durationSeconds > 0 ? received / durationSeconds : 0,
            };
        }

        return new LoadResult
        {
            Messages = messages,
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
                AllocatedBytesPerRequest = allocatedPerRequest,
                ProcessorCount = CpuAffinity.CountForCurrentThread(),
                PeakRssBytes = ProcessMemory.PeakResidentBytes(),
                Backend = _run.Backend,
                BackendNote = _run.BackendNote,
                Threads = _loops.Count,
                ConnectionsOpened = opened,
                OpenSeconds = opened == 0 ? 0 : Math.Max(0, (lastOpened - _run.OpenStartTs) / (double)_frequency),
                LoopBusyShare = busiest,
            },
            Reconnects = Sum(static c => c.Reconnects),
            StartedAt = startedAt,
        };
    }

    private string? SaturationReason(LoadSpec spec, double durationSeconds, double busiestShare, long lagP99Us)
    {
        if (durationSeconds <= 0) return null;
        if (spec.IsOpenLoop && lagP99Us > LoadRun.SendLagSaturationThresholdUs)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"sends went out late: p99 send lag {lagP99Us / 1000.0:0.0} ms (over {LoadRun.SendLagSaturationThresholdUs / 1000} ms)");
        }
        if (busiestShare >= LoadRun.LoopSaturationThreshold)
        {
            var which = _loops.Count == 1 ? "its event loop" : "its busiest event loop";
            return string.Create(CultureInfo.InvariantCulture, $"the generator kept {which} busy {Math.Min(1, busiestShare) * 100:0}% of the time (a whole core)");
        }
        return null;
    }

    private long SumResponses()
    {
        long total = 0;
        foreach (var loop in _loops) total += loop.Counters.Requests + loop.Counters.WarmupResponses;
        return total;
    }

    private long Sum(Func<LoopCounters, long> field)
    {
        long total = 0;
        foreach (var loop in _loops) total += field(loop.Counters);
        return total;
    }

    private static LongHistogram NewHistogram() => new LongHistogram(1, LoadRun.HighestTrackableUs, 3);
}
