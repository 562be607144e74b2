using System.Diagnostics;
using System.Globalization;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Servers;

/// <summary>
/// Samples CPU and memory of a process tree at an interval, in the background, until disposed.
/// The tree: the root, its session (when the root leads one, as every server PerfNotebooks starts does) and
/// process group, and every descendant. CPU seconds are cumulative and include the CPU of processes that
/// already exited and were reaped inside the tree (a worker gunicorn restarted: its master's cutime/cstime);
/// they never go down. A process that vanishes mid-read is skipped.
/// </summary>
public sealed class ProcessTreeSampler : IAsyncDisposable
{
    /// <summary>The interval when none is given.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    private readonly int _rootPid;
    private readonly int _session;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<ResourceSample> _samples = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private double _lastCpuSeconds = -1;
    private TimeSpan _lastElapsed;
    private double _maxUser;
    private double _maxSystem;

    private ProcessTreeSampler(int rootPid, TimeSpan interval)
    {
        _rootPid = rootPid;
        _interval = interval;
        _session = ProcStat.Read(rootPid) is { } root && root.Session == rootPid ? rootPid : 0;
        TakeSample();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Starts sampling the tree of <paramref name="rootPid"/> every <paramref name="interval"/> (default 250 ms);
    /// takes a first sample at once.</summary>
    public static ProcessTreeSampler Start(int rootPid, TimeSpan? interval = null)
    {
        var every = interval ?? DefaultInterval;
        if (every < TimeSpan.FromMilliseconds(10))
            throw new PerfNotebooksException(
                $"the sampling interval must be at least 10 ms, got {every.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms.");
        return new ProcessTreeSampler(rootPid, every);
    }

    /// <summary>The samples so far, oldest first (a copy).</summary>
    public IReadOnlyList<ResourceSample> Samples
    {
        get { lock (_lock) return [.. _samples]; }
    }

    /// <summary>The latest sample.</summary>
    public ResourceSample Latest
    {
        get { lock (_lock) return _samples[^1]; }
    }

    /// <summary>Takes one sample now (besides the timer's), e.g. right at the end of a measurement.</summary>
    public ResourceSample SampleNow() => TakeSample();

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false)) TakeSample();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private ResourceSample TakeSample()
    {
        lock (_lock)
        {
            var elapsed = _clock.Elapsed;
            var tree = ProcessTree.Find(_rootPid, _session);
            long userTicks = 0, systemTicks = 0, rssPages = 0, pssKb = 0;
            var count = 0;
            foreach (var p in tree)
            {
                userTicks += p.UserTicks + p.ChildUserTicks;
                systemTicks += p.SystemTicks + p.ChildSystemTicks;
                if (p.IsDead) continue;
                count++;
                rssPages += p.RssPages;
                pssKb += ReadPssKb(p.Pid) ?? p.RssPages * Posix.PageSize / 1024;
            }
            // A process reaped outside the tree (by init) takes its CPU with it: keep the sums monotonic.
            _maxUser = Math.Max(_maxUser, (double)userTicks / Posix.ClockTicks);
            _maxSystem = Math.Max(_maxSystem, (double)systemTicks / Posix.ClockTicks);
            var cpu = _maxUser + _maxSystem;
            var percent = 0.0;
            if (_lastCpuSeconds >= 0 && elapsed > _lastElapsed)
                percent = (cpu - _lastCpuSeconds) / (elapsed - _lastElapsed).TotalSeconds * 100.0;
            _lastCpuSeconds = cpu;
            _lastElapsed = elapsed;
            var sample = new ResourceSample(elapsed, _maxUser, _maxSystem, percent, rssPages * Posix.PageSize, pssKb * 1024, count);
            _samples.Add(sample);
            return sample;
        }
    }

    /// <summary>PSS in kB from /proc/PID/smaps_rollup; null when unreadable (gone, or not permitted).</summary>
    private static long? ReadPssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (!line.StartsWith("Pss:", StringComparison.Ordinal)) continue;
                var digits = line.AsSpan(4).Trim();
                var space = digits.IndexOf(' ');
                if (space > 0) digits = digits[..space];
                return long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    /// <summary>Stops sampling, after one last sample.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        TakeSample();
        _stop.Dispose();
    }
}
