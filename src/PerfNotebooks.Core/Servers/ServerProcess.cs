using System.Diagnostics;
using CliWrap;

namespace PerfNotebooks.Servers;

/// <summary>
/// One server process tree, started in a session of its own (setsid) so that the whole tree can be signalled
/// as a group, and stopped for good: graceful signal, a bounded wait, then SIGKILL to the group and to every
/// process of the tree found in /proc, then a wait until none is left.
/// </summary>
internal sealed class ServerProcess
{
    private const string Setsid = "/usr/bin/setsid";
    private const string Taskset = "/usr/bin/taskset";
    private const string Prlimit = "/usr/bin/prlimit";

    private readonly CancellationTokenSource _forceful;
    private readonly int _stopSignal;
    private readonly Lock _stopLock = new();
    private OwnerWatchdog? _watchdog;
    private Task? _stopping;

    private ServerProcess(CommandTask<CommandResult> execution, CancellationTokenSource forceful, OutputTail tail, int stopSignal)
    {
        _forceful = forceful;
        Tail = tail;
        _stopSignal = stopSignal;
        Pid = execution.ProcessId;
        // Observed so that an exit (or CliWrap's own failure) never surfaces as an unobserved task exception.
        Exited = ObserveAsync(execution);
    }

    /// <summary>PID of the process started: setsid exec's the server (and taskset exec's too), so it is the
    /// server itself and, once setsid ran, the leader of its session and process group.</summary>
    public int Pid { get; }

    public OutputTail Tail { get; }

    /// <summary>Completes with the exit code once the leader exited and its output pipes closed.</summary>
    public Task<int> Exited { get; }

    /// <summary>True once the leader exited (it may be a zombie for a moment, or already reaped).</summary>
    public bool HasExited => Exited.IsCompleted || ProcStat.Read(Pid) is not { IsDead: false };

    /// <summary>Starts <paramref name="plan"/>'s command line: setsid [prlimit --nofile=SOFT:HARD] [taskset -c CPUS] program args
    /// (each exec's the next, so the PID is the server's).</summary>
    public static ServerProcess Start(LaunchPlan plan)
    {
        var tail = new OutputTail();
        var program = plan.CommandLine[0];
        // setsid execvp's its argument; resolve the program here so that "not found" is our error, not its.
        var resolved = Executables.Resolve(program)
            ?? throw new PerfNotebooksException($"stack {plan.Spec.Name}: {program} not found{(program.Contains('/') ? "" : " on PATH")}.");
        List<string> arguments = [];
        if (plan.Spec.Limits?.OpenFiles is { } openFiles)
        {
            var (soft, hard) = KernelLimits.OpenFilesFor(openFiles);
            arguments.AddRange([Prlimit, FormattableString.Invariant($"--nofile={soft}:{hard}")]);
        }
        if (plan.Spec.Cpus is { } cpus) arguments.AddRange([Taskset, "-c", cpus]);
        arguments.Add(resolved);
        arguments.AddRange(plan.CommandLine.Skip(1));

        var command = Cli.Wrap(Setsid)
            .WithArguments(arguments)
            .WithWorkingDirectory(plan.WorkingDirectory)
            .WithEnvironmentVariables(plan.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value))
            .WithStandardOutputPipe(PipeTarget.ToDelegate(tail.Add))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(tail.Add))
            .WithValidation(CommandResultValidation.None);
        // CliWrap's forceful cancellation is only the last resort after our own SIGKILL of the group.
        var forceful = new CancellationTokenSource();
        var process = new ServerProcess(command.ExecuteAsync(forceful.Token), forceful, tail, plan.StopSignal);
        LiveServers.Add(process);
        process._watchdog = OwnerWatchdog.Start(process.Pid);
        return process;
    }

    private static async Task<int> ObserveAsync(CommandTask<CommandResult> execution)
    {
        try
        {
            return (await execution).ExitCode;
        }
        catch (OperationCanceledException)
        {
            return -9;
        }
    }

    /// <summary>PIDs of the live processes of the tree, read from /proc now.</summary>
    public IReadOnlyList<int> ProcessIds() => ProcessTree.LivePids(Pid, Pid);

    /// <summary>True once the leader runs in a session of its own (setsid has run).</summary>
    public bool IsSessionLeader => ProcStat.Read(Pid) is { } s && s.Session == Pid && s.ProcessGroup == Pid;

    /// <summary>True once PerfNotebooks asked the tree to stop (as opposed to a server that exited by itself).</summary>
    public bool StopRequested => Volatile.Read(ref _stopRequested);

    private bool _stopRequested;

    /// <summary>Stops the tree (idempotent: every caller awaits the same stop).</summary>
    public Task StopAsync(TimeSpan grace)
    {
        lock (_stopLock)
        {
            Volatile.Write(ref _stopRequested, true);
            _stopping ??= StopCoreAsync(grace);
            return _stopping;
        }
    }

    private async Task StopCoreAsync(TimeSpan grace)
    {
        try
        {
            // First the watchdog: it must not signal a process group that is gone (its number could be reused).
            _watchdog?.Dismiss();
            Signal(_stopSignal);
            if (!await WaitUntilGoneAsync(grace).ConfigureAwait(false))
            {
                Signal(Posix.SIGKILL);
                if (!await WaitUntilGoneAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false))
                    throw new InvalidOperationException(
                        $"server PID {Pid}: processes {string.Join(", ", ProcessIds())} still alive 5 s after SIGKILL");
            }
        }
        finally
        {
            // The leader is gone: let CliWrap finish (pipes closed); if it cannot, cancel it (it kills what it knows).
            if (await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false) != Exited)
            {
                await _forceful.CancelAsync().ConfigureAwait(false);
                await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
            }
            LiveServers.Remove(this);
        }
    }

    /// <summary>Stops the tree without async machinery, for the owning process's exit: signal, up to
    /// <paramref name="grace"/> for it to go, then SIGKILL.</summary>
    public void StopNow(TimeSpan grace)
    {
        Volatile.Write(ref _stopRequested, true);
        _watchdog?.Dismiss();
        Signal(_stopSignal);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < grace && ProcessIds().Count > 0) Thread.Sleep(10);
        Signal(Posix.SIGKILL);
        deadline.Restart();
        while (deadline.Elapsed < TimeSpan.FromSeconds(2) && ProcessIds().Count > 0) Thread.Sleep(10);
    }

    /// <summary>Signals the process group, and every process of the tree outside it (one that made its own group
    /// or session). A graceful signal goes once to each process: some servers (uvicorn) take a second one as
    /// "force exit now".</summary>
    private void Signal(int signal)
    {
        var outsideGroup = ProcessTree.Find(Pid, Pid).Where(p => !p.IsDead && (p.ProcessGroup != Pid || signal == Posix.SIGKILL));
        Posix.KillGroup(Pid, signal);
        foreach (var p in outsideGroup) Posix.Kill(p.Pid, signal);
    }

    private async Task<bool> WaitUntilGoneAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (ProcessIds().Count == 0) return true;
            if (clock.Elapsed >= timeout) return false;
            await Task.Delay(15).ConfigureAwait(false);
        }
    }
}
