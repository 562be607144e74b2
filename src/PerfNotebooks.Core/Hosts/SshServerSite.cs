using System.Globalization;
using PerfNotebooks.Metrics;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Hosts;

/// <summary>
/// Servers on a host over SSH: each is <c>perfnb serve STACK --json --sample-interval ...</c> run there by the
/// deployed perfnb (the same launcher, readiness rule and process-tree sampler as on this machine), bound to
/// <see cref="BindAddress"/>, which the load hosts reach. Its resource samples stream back as JSON lines stamped
/// with the host's clock; a measurement keeps those inside its window, placed by the measured clock offset.
/// The server stops when disposed, and by itself if this side is lost (its input closes).
/// </summary>
public sealed class SshServerSite(SshHost host, string bindAddress, TimeSpan sampleInterval) : IServerSite
{
    /// <summary>The host.</summary>
    public SshHost Host { get; } = host;

    /// <summary>The address servers listen on there.</summary>
    public string BindAddress { get; } = bindAddress;

    /// <inheritdoc />
    public string Name => Host.Address.ToString();

    /// <inheritdoc />
    public async Task<IServedStack> StartAsync(StackSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Command is not null || !StackCatalog.Names.Contains(spec.Name, StringComparer.Ordinal))
            throw new PerfNotebooksException($"stack '{spec.Name}' is not in the catalog; only catalog stacks can run on a host ({Host.Address}).");
        var command = new List<string>
        {
            Host.Perfnb.Executable, "serve", spec.Name,
            "--workers", spec.Workers.ToString(CultureInfo.InvariantCulture),
            "--host", BindAddress, "--port", spec.Port.ToString(CultureInfo.InvariantCulture),
            "--python", spec.Python,
            "--ready-timeout", spec.ReadyTimeout.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
            "--json", "--sample-interval", Math.Max(10, (int)sampleInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms",
            "--stop-on-stdin-eof",
        };
        if (spec.Threads is { } threads) command.AddRange(["--threads", threads.ToString(CultureInfo.InvariantCulture)]);
        if (spec.Cpus is { } cpus) command.AddRange(["--cpus", cpus]);
        if (spec.ExtraArgs.Count > 0) command.AddRange(["--", .. spec.ExtraArgs]);

        var served = new Served(Host);
        served.Process = await RemoteProcess.StartAsync(Host.Connection, command, served.OnLine, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await served.WaitReadyAsync(spec, spec.ReadyTimeout + TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
            return served;
        }
        catch
        {
            await served.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class Served(SshHost host) : IServedStack
    {
        private readonly TaskCompletionSource<ServeEvent> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(long UnixMs, ResourceSample Sample)> _samples = [];
        private readonly Lock _gate = new();
        private ServeEvent? _readyEvent;
        private string? _exitedMessage;
        private int? _exitCode;
        private IReadOnlyList<int>? _latestPids;
        private bool _stopping;

        public RemoteProcess Process { get; set; } = null!;

        public Uri BaseUrl => new(_readyEvent?.Url ?? throw new InvalidOperationException("the server is not ready"));

        public int Pid => _readyEvent?.Pid ?? 0;

        public IReadOnlyList<int> ProcessIds()
        {
            lock (_gate) return _latestPids ?? _readyEvent?.Pids ?? [];
        }

        public bool HasExited => Process.Completion.IsCompleted || _exitedMessage is not null;

        public int? ExitCode => _exitCode;

        public ServerVersions? Versions => _readyEvent?.Versions;

        public HostException? Lost
        {
            get
            {
                if (_stopping || _exitedMessage is not null || !Process.Completion.IsCompleted) return null;
                var result = Process.Completion.Result;
                // Ended without saying why (no "exited" line): the session, not the server, went away.
                return new HostLostException(host.Address, result.LastErrorLine.Length > 0
                    ? $"the server's session ended: {result.LastErrorLine}"
                    : $"the server's session ended (exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)})");
            }
        }

        public string OutputTail(int lines) => string.Join('\n', OutputLines(lines));

        public IReadOnlyList<string> OutputLines(int lines)
        {
            if (_exitedMessage is { } message) return [.. message.Split('|').TakeLast(lines)];
            return Process.Completion.IsCompleted ? [Process.Completion.Result.LastErrorLine] : [];
        }

        public void OnLine(string line)
        {
            if (ServeEvent.Parse(line) is not { } e) return;
            switch (e.Event)
            {
                case ServeEvent.Ready:
                    _readyEvent = e;
                    _ready.TrySetResult(e);
                    break;
                case ServeEvent.Sample when e.UnixMs is { } at && e.Resources is { } sample:
                    lock (_gate)
                    {
                        if (e.Pids is { Count: > 0 } pids) _latestPids = pids;
                        _samples.Add((at, sample));
                        // A server kept across many cells: keep the last hour of samples, no more.
                        if (_samples.Count > 20_000) _samples.RemoveRange(0, 5_000);
                    }
                    break;
                case ServeEvent.Exited:
                    _exitCode = e.ExitCode;
                    _exitedMessage = e.Message ?? "";
                    break;
            }
        }

        public async Task WaitReadyAsync(StackSpec spec, TimeSpan limit, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var first = await Task.WhenAny(_ready.Task, Process.Completion, Task.Delay(limit, timeout.Token)).ConfigureAwait(false);
            await timeout.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (first == _ready.Task) return;
            if (first != Process.Completion)
                throw new HostLostException(host.Address, $"{spec.Name} did not report ready within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
            var result = await Process.Completion.ConfigureAwait(false);
            if (result.ExitCode == SshConnection.SshFailureExitCode || result.ExitCode == -1)
                throw new HostLostException(host.Address, $"starting {spec.Name}: {result.LastErrorLine}");
            // perfnb serve's own one-line error ("perfnb: ..."): the server would not start there, as it would not here.
            var reason = result.LastErrorLine.StartsWith("perfnb: ", StringComparison.Ordinal) ? result.LastErrorLine["perfnb: ".Length..] : result.LastErrorLine;
            throw new PerfNotebooksException($"{spec.Name} did not start on {host.Address}: {reason}");
        }

        public IResourceWatch WatchResources(TimeSpan interval) => new Watch(this, host.Clock.ToRemote(DateTimeOffset.UtcNow).ToUnixTimeMilliseconds());

        public async ValueTask DisposeAsync()
        {
            _stopping = true;
            await Process.DisposeAsync().ConfigureAwait(false);
        }

        // Samples from the watch's start on, their Elapsed counted from it (the host's clock, both ends).
        private sealed class Watch(Served served, long startUnixMs) : IResourceWatch
        {
            public Task<IReadOnlyList<ResourceSample>> StopAsync()
            {
                lock (served._gate)
                {
                    IReadOnlyList<ResourceSample> samples = [.. served._samples
                        .Where(s => s.UnixMs >= startUnixMs)
                        .Select(s => s.Sample with { Elapsed = TimeSpan.FromMilliseconds(s.UnixMs - startUnixMs) })];
                    return Task.FromResult(samples);
                }
            }
        }
    }
}
