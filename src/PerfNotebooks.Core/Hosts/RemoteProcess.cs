using System.Globalization;
using System.Text;
using CliWrap;

namespace PerfNotebooks.Hosts;

/// <summary>
/// A long-running command on a host (a server, a load generator), started under <c>setsid</c> so it leads
/// a process group of its own there, whose id it reports first (<see cref="ProcessGroup"/>). With the group
/// id, a stop reaches everything it started, and can be sent over a fresh session even when the one that
/// started it is gone. Its standard input is held open by this process: closing it (<see cref="StopAsync"/>,
/// or this process dying) is the command's signal that its owner is gone, for commands that watch it.
/// </summary>
public sealed class RemoteProcess : IAsyncDisposable
{
    /// <summary>The first line the remote wrapper prints: this prefix, then the process group id.</summary>
    public const string GroupLinePrefix = "perfnb-pgid ";

    private readonly SshConnection _connection;
    private readonly CancellationTokenSource _inputOpen = new();
    private readonly CancellationTokenSource _forceful = new();
    private readonly TaskCompletionSource<int> _group = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Action<string>? _onLine;
    private int _stopped;

    private RemoteProcess(SshConnection connection, IReadOnlyList<string> command, Action<string>? onLine)
    {
        _connection = connection;
        _onLine = onLine;
        CommandLine = command;
        var running = connection.Command(WrapperLine(command))
            .WithStandardInputPipe(PipeSource.Create(HoldInputOpenAsync))
            .WithStandardOutputPipe(PipeTarget.ToDelegate(OnOutputLine))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(_error))
            .ExecuteAsync(_forceful.Token, CancellationToken.None);
        LocalPid = running.ProcessId;
        Completion = CompleteAsync(running);
    }

    /// <summary>The host it runs on.</summary>
    public HostAddress Host => _connection.Address;

    /// <summary>The command as given (program and arguments).</summary>
    public IReadOnlyList<string> CommandLine { get; }

    /// <summary>The remote process group (and session) id; every process the command starts in it is stopped with it.</summary>
    public int ProcessGroup { get; private set; }

    /// <summary>PID of the local ssh client carrying the session.</summary>
    public int LocalPid { get; }

    /// <summary>Ends when the remote command has ended (or its session was lost): its exit code and what it printed.</summary>
    public Task<RemoteCommandResult> Completion { get; }

    /// <summary>
    /// Starts <paramref name="command"/> on the connection's host and waits until it reports its process
    /// group. Each line it prints goes to <paramref name="onLine"/> as it arrives (and into the result).
    /// A command that ends before it started, or a host that does not answer within <paramref name="startTimeout"/>,
    /// throws; nothing is left running.
    /// </summary>
    public static async Task<RemoteProcess> StartAsync(
        SshConnection connection, IReadOnlyList<string> command, Action<string>? onLine = null,
        TimeSpan? startTimeout = null, CancellationToken cancellationToken = default)
    {
        var process = new RemoteProcess(connection, command, onLine);
        var limit = startTimeout ?? TimeSpan.FromSeconds(30);
        var started = false;
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var first = await Task.WhenAny(process._group.Task, process.Completion, Task.Delay(limit, waiting.Token)).ConfigureAwait(false);
            await waiting.CancelAsync().ConfigureAwait(false);
            if (first == process._group.Task)
            {
                process.ProcessGroup = await process._group.Task.ConfigureAwait(false);
                started = true;
                return process;
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (first == process.Completion)
            {
                var result = await process.Completion.ConfigureAwait(false);
                if (result.ExitCode == SshConnection.SshFailureExitCode)
                    throw new HostLostException(connection.Address, $"{command[0]} did not start: {Reason(result)}");
                throw new HostException(connection.Address,
                    $"{command[0]} on {connection.Address} ended before it started (exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}): {Reason(result)}");
            }
            throw new HostLostException(connection.Address, $"{command[0]} did not start within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        finally
        {
            if (!started) await process.AbandonAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Sends a signal ("TERM", "INT", "KILL") to the remote process group; false when it is gone or the host cannot be asked.</summary>
    public Task<bool> SignalAsync(string signal, CancellationToken cancellationToken = default)
        => _connection.SignalGroupAsync(ProcessGroup, signal, cancellationToken);

    /// <summary>
    /// Stops the command: closes its input, sends SIGTERM to its group, waits up to <paramref name="grace"/>,
    /// then SIGKILL to the group. Returns its result. Safe to call twice; never throws for a lost host
    /// (what can be reached is stopped; a lost host's commands see their input close and stop there).
    /// </summary>
    public async Task<RemoteCommandResult> StopAsync(TimeSpan grace)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return await Completion.ConfigureAwait(false);
        await _inputOpen.CancelAsync().ConfigureAwait(false);
        if (!Completion.IsCompleted)
        {
            await TrySignalAsync("TERM", grace).ConfigureAwait(false);
            if (!await EndsWithinAsync(grace).ConfigureAwait(false))
            {
                await TrySignalAsync("KILL", TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                if (!await EndsWithinAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false)) await _forceful.CancelAsync().ConfigureAwait(false);
            }
        }
        return await Completion.ConfigureAwait(false);
    }

    /// <summary>Stops the command (5 s grace) if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _inputOpen.Dispose();
        _forceful.Dispose();
    }

    /// <summary>
    /// The remote line: <c>exec setsid -w sh -c WRAPPER perfnb-remote COMMAND...</c>. sshd makes the login
    /// shell a session leader, so setsid forks; its child leads a new session and group whose id is that
    /// child's PID, which it prints before becoming the command. <c>-w</c> keeps the session open until the
    /// command ends and passes its exit code back. A program that is not there fails before the id is printed.
    /// </summary>
    internal static string WrapperLine(IReadOnlyList<string> command)
        => "exec " + ShellQuote.Join(["setsid", "-w", "sh", "-c", Wrapper, "perfnb-remote", .. command]);

    private const string Wrapper = "command -v \"$1\" >/dev/null 2>&1 || { echo \"$1: not found\" >&2; exit 127; }; echo \"" + GroupLinePrefix + "$$\"; exec \"$@\"";

    private void OnOutputLine(string line)
    {
        if (!_group.Task.IsCompleted && line.StartsWith(GroupLinePrefix, StringComparison.Ordinal)
            && int.TryParse(line.AsSpan(GroupLinePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var group))
        {
            _group.TrySetResult(group);
            return;
        }
        lock (_output) _output.Append(line).Append('\n');
        _onLine?.Invoke(line);
    }

    private async Task HoldInputOpenAsync(Stream input, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _inputOpen.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Returning closes the pipe: the remote command reads end of input.
        }
    }

    private async Task<RemoteCommandResult> CompleteAsync(CommandTask<CommandResult> running)
    {
        try
        {
            var result = await running.ConfigureAwait(false);
            return Snapshot(result.ExitCode, result.RunTime);
        }
        catch (OperationCanceledException)
        {
            // Killed locally (the host did not let it end): no exit code came back.
            return Snapshot(-1, TimeSpan.Zero);
        }
    }

    private RemoteCommandResult Snapshot(int exitCode, TimeSpan elapsed)
    {
        string output;
        lock (_output) output = _output.ToString();
        return new RemoteCommandResult(exitCode, output, _error.ToString(), elapsed);
    }

    private async Task TrySignalAsync(string signal, TimeSpan limit)
    {
        if (ProcessGroup <= 1) return;
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _connection.SignalGroupAsync(ProcessGroup, signal, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or HostException or ObjectDisposedException)
        {
            // The host cannot be asked; the command's own input watch is what is left.
        }
    }

    private async Task<bool> EndsWithinAsync(TimeSpan limit)
        => await Task.WhenAny(Completion, Task.Delay(limit)).ConfigureAwait(false) == Completion;

    // Start failed: nothing may run on. With a group id, stop it; without, close the session.
    private async Task AbandonAsync()
    {
        if (_group.Task.IsCompletedSuccessfully) ProcessGroup = _group.Task.Result;
        await StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        if (!Completion.IsCompleted) await _forceful.CancelAsync().ConfigureAwait(false);
        await Completion.ConfigureAwait(false);
    }

    private static string Reason(RemoteCommandResult result)
        => result.LastErrorLine.Length > 0 ? result.LastErrorLine : "no output";
}
