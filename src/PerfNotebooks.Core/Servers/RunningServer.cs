using System.Globalization;

namespace PerfNotebooks.Servers;

/// <summary>
/// A started Python server. Owns its whole process group: disposing it (or cancelling its owner, or the
/// owning process exiting) stops every process of the tree.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    /// <summary>How long a stop waits after the graceful signal before it kills the tree.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(3);

    private readonly ServerProcess _process;
    private readonly CancellationTokenRegistration _ownerRegistration;

    internal RunningServer(StackSpec spec, Uri baseUrl, ServerVersions versions, ServerProcess process, CancellationToken owner)
    {
        Spec = spec;
        BaseUrl = baseUrl;
        Versions = versions;
        _process = process;
        // Cancelling the owner's token stops the server; the stop is observed by whoever awaits StopAsync/DisposeAsync.
        _ownerRegistration = owner.Register(() => _ = StopAsync());
    }

    /// <summary>The spec it was started from, with the port it actually bound (never 0).</summary>
    public StackSpec Spec { get; }

    /// <summary>Base URL, e.g. http://127.0.0.1:41234/</summary>
    public Uri BaseUrl { get; }

    /// <summary>PID of the process the launcher started (the process-group leader).</summary>
    public int Pid => _process.Pid;

    /// <summary>PIDs of every live process in the server's tree, read now.</summary>
    public IReadOnlyList<int> ProcessIds() => _process.ProcessIds();

    /// <summary>Python, app and server versions.</summary>
    public ServerVersions Versions { get; }

    /// <summary>The last lines the server wrote (stdout and stderr interleaved).</summary>
    public string OutputTail(int lines = 40) => _process.Tail.Text(lines);

    /// <summary>The last lines the server wrote, oldest first.</summary>
    internal IReadOnlyList<string> OutputLines(int lines) => _process.Tail.Last(lines);

    /// <summary>The leader's exit code once it is known (128 + N for a process ended by signal N); null while it runs.</summary>
    public int? ExitCode => _process.Exited.IsCompletedSuccessfully ? _process.Exited.Result : null;

    /// <summary>True once the server's process exited (by itself or stopped).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>True once PerfNotebooks stopped (or began stopping) the server: by <see cref="StopAsync"/>, disposal,
    /// the owner's cancellation, or the owning process exiting or being signalled. False while it runs, and when it
    /// exited by itself (a crash).</summary>
    public bool StopRequested => _process.StopRequested;

    /// <summary>Graceful signal to the process group, a bounded wait, then kill; waits until no process is left.</summary>
    public Task StopAsync(TimeSpan? grace = null) => _process.StopAsync(grace ?? DefaultGrace);

    /// <summary>Starts a sampler of this server's whole process tree (see <see cref="ProcessTreeSampler"/>).</summary>
    public ProcessTreeSampler StartSampler(TimeSpan? interval = null) => ProcessTreeSampler.Start(Pid, interval);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _ownerRegistration.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>e.g. <c>flask-gunicorn at http://127.0.0.1:41234/ (PIDs 1200, 1203, 1204)</c>.</summary>
    public override string ToString()
    {
        var pids = ProcessIds();
        return pids.Count == 0
            ? $"{Spec.Name} at {BaseUrl} (stopped, was PID {Pid.ToString(CultureInfo.InvariantCulture)})"
            : $"{Spec.Name} at {BaseUrl} (PIDs {string.Join(", ", pids.Select(p => p.ToString(CultureInfo.InvariantCulture)))})";
    }
}
