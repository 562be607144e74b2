using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Cli;

/// <summary>
/// <c>perfnb serve STACK|--app module:callable [--app-dir DIR] [--servers SERVER] [--ready-path P] [--workers N] [--threads N]
/// [--port P] [--cpus LIST] [--host H] [--python PATH] [-- extra args]</c>:
/// starts a stack, prints its URL, PIDs and versions, and runs until Ctrl-C (SIGINT or SIGTERM), then stops it cleanly.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var stack = new Argument<string?>("stack") { Description = "A catalog stack (see perfnb servers); or give --app.", Arity = ArgumentArity.ZeroOrOne };
        var extra = new Argument<string[]>("extra") { Description = "Extra server arguments, after --.", Arity = ArgumentArity.ZeroOrMore };
        var workers = new Option<int?>("--workers", "-w") { Description = "Worker processes (default: the stack's)." };
        var threads = new Option<int?>("--threads", "-t") { Description = "Threads per worker, where the server has them." };
        var port = new Option<int>("--port", "-p") { Description = "Port to bind; 0 picks a free one.", DefaultValueFactory = _ => 0 };
        var cpus = new Option<string?>("--cpus") { Description = "CPU list to pin the server to (taskset), e.g. 1 or 0-1." };
        var host = new Option<string>("--host") { Description = "Interface to bind.", DefaultValueFactory = _ => "127.0.0.1" };
        var python = new Option<string>("--python") { Description = "Python interpreter.", DefaultValueFactory = _ => "/usr/bin/python3" };
        var timeout = new Option<double>("--ready-timeout") { Description = "Seconds to wait for the server to be ready (GET /plaintext, or the app's --ready-path, answers 2xx).", DefaultValueFactory = _ => 30 };
        var ownApp = new OwnAppOptions();
        var database = new Option<string?>("--db") { Description = "Start a database for the realistic workloads (/db, /queries, /fortunes, /updates): sqlite or postgres." };
        var stackFile = new Option<string?>("--stack-file") { Description = $"Your own stacks, from this file (default: {StackFile.DefaultName} here, if there is one)." };

        var command = new Command("serve", "Start a stack, print its URL, PIDs and versions, and serve until Ctrl-C.");
        command.Arguments.Add(stack);
        command.Arguments.Add(extra);
        foreach (var option in new Option[] { workers, threads, port, cpus, host, python, timeout }) command.Options.Add(option);
        ownApp.AddTo(command);
        command.Options.Add(stackFile);
        command.Options.Add(database);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (spec, extraArgs) = await ServeTarget.ResolveAsync(parse, stack, extra, ownApp, stackFile, parse.GetValue(python)!, cancellationToken);
            spec = spec with
            {
                Workers = parse.GetValue(workers) ?? spec.Workers,
                Threads = parse.GetValue(threads) ?? spec.Threads,
                Port = parse.GetValue(port),
                Cpus = parse.GetValue(cpus),
                Host = parse.GetValue(host)!,
                Python = parse.GetValue(python)!,
                ReadyTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                ExtraArgs = extraArgs,
            };
            // The database first (the server's environment points at it), stopped and deleted after the server.
            await using var db = await ServeDatabase.StartAsync(parse.GetValue(database), cancellationToken);
            return await ServeAsync(db?.Apply(spec) ?? spec, cancellationToken);
        });
        return command;
    }

    private static async Task<int> ServeAsync(StackSpec spec, CancellationToken invocationToken)
    {
        // Ctrl-C (SIGINT) and SIGTERM mean "stop the server and exit 0": take them over from the runtime.
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(invocationToken);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            try { interrupted.Cancel(); }
            catch (ObjectDisposedException) { /* serve already returned */ }
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var cancellationToken = interrupted.Token;
        RunningServer server;
        try
        {
            // The token is the owner's: Ctrl-C while starting stops what was started; later it stops the server too.
            server = await ServerLauncher.StartAsync(spec, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.WriteLine($"interrupted while starting {spec.Name}; nothing left running.");
            return 0;
        }
        await using (server)
        {
            var pids = server.ProcessIds();
            var s = server.Spec;
            Console.WriteLine($"serving {s.Name} at {server.BaseUrl}");
            Console.WriteLine($"  PIDs     {string.Join(", ", pids.Select(p => p.ToString(CultureInfo.InvariantCulture)))} (leader {server.Pid.ToString(CultureInfo.InvariantCulture)})");
            Console.WriteLine($"  workers  {s.Workers.ToString(CultureInfo.InvariantCulture)}, threads {s.Threads?.ToString(CultureInfo.InvariantCulture) ?? "-"}{(s.Cpus is null ? "" : $", CPUs {s.Cpus}")}");
            Console.WriteLine($"  versions Python {server.Versions.Python}; {server.Versions.Framework}; {server.Versions.Server}");
            Console.WriteLine("Press Ctrl-C to stop.");
            while (!cancellationToken.IsCancellationRequested && !server.HasExited)
            {
                try { await Task.Delay(200, cancellationToken); }
                catch (OperationCanceledException) { break; }
            }
            // Stopped by a signal handler of the library (the owner was signalled) counts as interrupted too.
            if (!cancellationToken.IsCancellationRequested && !server.StopRequested)
            {
                var tail = server.OutputTail(12).Replace('\n', '|');
                await server.StopAsync();
                throw new PerfNotebooksException($"{s.Name} (PID {server.Pid.ToString(CultureInfo.InvariantCulture)}) exited by itself. Last output: {tail}");
            }
            Console.WriteLine($"stopping {s.Name}...");
            await server.StopAsync();
            Console.WriteLine($"stopped {s.Name}.");
        }
        return 0;
    }
}
