using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace PerfNotebooks.Servers;

/// <summary>Starts a stack and waits until it is ready: GET on its ready path answers 2xx (catalog apps:
/// <c>/plaintext</c>), or, for a stack without one, its port accepts a connection.</summary>
public static class ServerLauncher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    // The first worker can answer before its master has forked the rest (gunicorn sleeps up to 100 ms
    // between forks), so "ready" also waits until the process tree has kept its size this long...
    private static readonly TimeSpan SettleWindow = TimeSpan.FromMilliseconds(300);

    // ...but never longer than this: a server that keeps forking (or recycling) is ready anyway.
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(3);
    private const int PortRaceRetries = 3;

    /// <summary>
    /// Stops, at once, every server tree this process started and has not stopped yet: what a front end does when its
    /// process is about to end on a signal (SIGTERM, SIGHUP, SIGQUIT) that would otherwise leave the servers running
    /// in their own sessions. A normal exit stops them by itself.
    /// </summary>
    public static void StopAllStarted() => LiveServers.StopAll();

    /// <summary>
    /// Starts <paramref name="spec"/>. Throws <see cref="ServerStartException"/> when it cannot be started
    /// (not installed, port in use, exited, not ready in time), with the exit code and log tail, and
    /// <see cref="PerfNotebooksException"/> when the spec itself is wrong.
    /// Cancelling <paramref name="cancellationToken"/> later stops the server (it is the owner's token).
    /// </summary>
    public static async Task<RunningServer> StartAsync(StackSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        UserAppInspection? inspection = null;
        if (spec.UserApp is { } userApp)
        {
            // Imported once first (cached): a module that does not import, or an app the server cannot speak,
            // is one clear line before any server process exists (the spec's options are checked just after).
            inspection = await UserApps.InspectAsync(userApp, spec.Python, cancellationToken).ConfigureAwait(false);
            spec = spec with { UserApp = userApp with { Interface = inspection.Interface } };
        }
        var (recipe, app) = LaunchPlanner.Resolve(spec);
        var installation = await StackInstallationCheck.CheckAsync(spec, recipe, app, cancellationToken).ConfigureAwait(false);
        if (!installation.Installed)
            throw new ServerStartException(spec.Name, $"not installed: {installation.Detail}", $"stack {spec.Name} is not installed: {installation.Detail}.");

        for (var attempt = 1; ; attempt++)
        {
            var port = spec.Port;
            if (port == 0)
            {
                port = Ports.PickFree(spec.Host);
            }
            else if (Ports.InUse(spec.Host, port))
            {
                var cause = $"port {port.ToString(CultureInfo.InvariantCulture)} on {spec.Host} is in use";
                throw new ServerStartException(spec.Name, cause, $"stack {spec.Name}: {cause}; choose another port, or 0 to pick a free one.");
            }
            var plan = LaunchPlanner.Plan(spec, port) with { UserFramework = inspection?.Framework };
            var started = await TryStartAsync(plan, port, cancellationToken).ConfigureAwait(false);
            if (started.Server is { } server) return server;
            // A free port picked by us was taken before the server bound it: pick another.
            if (started.PortTaken && spec.Port == 0 && attempt < PortRaceRetries) continue;
            throw started.Error!;
        }
    }

    private sealed record StartOutcome(RunningServer? Server, ServerStartException? Error, bool PortTaken);

    private static async Task<StartOutcome> TryStartAsync(LaunchPlan plan, int port, CancellationToken cancellationToken)
    {
        var spec = plan.Spec with { Port = port };
        var versionsTask = StackInstallationCheck.VersionsAsync(plan, CancellationToken.None);
        var process = ServerProcess.Start(plan);
        var endpoint = new IPEndPoint(Ports.ConnectAddress(spec.Host), port);
        var clock = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (process.HasExited)
                {
                    var code = await ExitCodeAsync(process).ConfigureAwait(false);
                    await process.StopAsync(TimeSpan.Zero).ConfigureAwait(false);
                    return Failed(plan, process, port, $"exited with code {code} before it was ready");
                }
                if (clock.Elapsed >= spec.ReadyTimeout)
                {
                    await process.StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                    var waited = spec.ReadyPath is { } path ? $"GET {path} never answered 2xx" : "its port never accepted a connection";
                    return Failed(plan, process, port,
                        $"was not ready after {spec.ReadyTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s ({waited}; stopped it)");
                }
                if (await ReadinessProbe.IsReadyAsync(endpoint, spec.ReadyPath, cancellationToken).ConfigureAwait(false)) break;
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
            await WaitUntilProcessTreeSettlesAsync(process, cancellationToken).ConfigureAwait(false);
            // Ready by accepting alone, a server can still die booting its workers (gunicorn's master accepts first).
            if (process.HasExited)
            {
                var code = await ExitCodeAsync(process).ConfigureAwait(false);
                await process.StopAsync(TimeSpan.Zero).ConfigureAwait(false);
                return Failed(plan, process, port, $"exited with code {code} just after it accepted connections");
            }
            var versions = await versionsTask.ConfigureAwait(false);
            return new StartOutcome(new RunningServer(spec, Ports.BaseUrl(spec.Host, port), versions, process, cancellationToken), null, false);
        }
        catch (OperationCanceledException)
        {
            await process.StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            throw;
        }
        catch
        {
            await process.StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until every worker the server forks at start is there: measurements and PIDs then see them all.</summary>
    private static async Task WaitUntilProcessTreeSettlesAsync(ServerProcess process, CancellationToken cancellationToken)
    {
        var limit = Stopwatch.StartNew();
        var stable = Stopwatch.StartNew();
        var count = process.ProcessIds().Count;
        while (stable.Elapsed < SettleWindow && limit.Elapsed < SettleLimit)
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            var now = process.ProcessIds().Count;
            if (now == count) continue;
            count = now;
            stable.Restart();
        }
    }

    private static async Task<string> ExitCodeAsync(ServerProcess process)
    {
        // The exit code arrives once CliWrap saw the process end and drained its output (the last lines hold the
        // cause); its children may hold the pipes a moment longer, and a loaded machine drains slowly.
        var done = await Task.WhenAny(process.Exited, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        return done == process.Exited ? process.Exited.Result.ToString(CultureInfo.InvariantCulture) : "unknown";
    }

    private static StartOutcome Failed(LaunchPlan plan, ServerProcess process, int port, string what)
    {
        var tail = process.Tail.Last(12);
        var text = string.Join(" | ", tail.Select(l => l.Trim()).Where(l => l.Length > 0));
        var portTaken = tail.Any(l => l.Contains("Address already in use", StringComparison.OrdinalIgnoreCase)
                                      || l.Contains("EADDRINUSE", StringComparison.Ordinal)
                                      || l.Contains("Errno 98", StringComparison.Ordinal));
        var spec = plan.Spec;
        string message;
        string cause;
        if (portTaken)
        {
            cause = $"port {port.ToString(CultureInfo.InvariantCulture)} on {spec.Host} is in use";
            message = $"stack {spec.Name}: {cause} (the server said: Address already in use); choose another port, or 0 to pick a free one.";
        }
        else
        {
            var recent = process.Tail.Last(200);
            var lastWords = ServerLastWords.Find(recent);
            cause = lastWords is null ? what : $"{what}: {lastWords}";
            // Searched in more than the quoted tail: with several workers failing, the other workers' tracebacks and
            // the master's shutdown lines can push the import error out of the last dozen lines.
            var import = recent.LastOrDefault(l => l.Contains("ModuleNotFoundError", StringComparison.Ordinal)
                                                 || l.Contains("ImportError", StringComparison.Ordinal)
                                                 || l.Contains("Failed to find attribute", StringComparison.Ordinal)
                                                 || l.Contains("Error loading ASGI app", StringComparison.Ordinal));
            var hint = import is null ? "" : $" The app does not import: {import.Trim()}.";
            message = $"stack {spec.Name} (PID {process.Pid.ToString(CultureInfo.InvariantCulture)}) {what}.{hint} Last output: {(text.Length == 0 ? "(none)" : text)}";
        }
        return new StartOutcome(null, new ServerStartException(spec.Name, cause, message), portTaken);
    }
}
