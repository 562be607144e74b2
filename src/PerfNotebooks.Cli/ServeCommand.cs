using System.CommandLine;
using System.Globalization;
using PerfNotebooks.Hosts;
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
        var json = new Option<bool>("--json") { Description = "Print JSON lines instead of text: one when ready (URL, PIDs, versions), one per resource sample with --sample-interval, one at the end." };
        var sampleInterval = new Option<string?>("--sample-interval") { Description = "With --json: print the server's CPU and memory every interval, e.g. 250ms." };
        var stopOnStdinEnd = new Option<bool>("--stop-on-stdin-eof") { Description = "Stop the server when standard input closes (the controller is gone; used across hosts).", Hidden = true };

        var hosts = new HostOptions();
        var command = new Command("serve", "Start a stack, print its URL, PIDs and versions, and serve until Ctrl-C.");
        foreach (var option in hosts.All) command.Options.Add(option);
        command.Arguments.Add(stack);
        command.Arguments.Add(extra);
        foreach (var option in new Option[] { workers, threads, port, cpus, host, python, timeout, json, sampleInterval, stopOnStdinEnd }) command.Options.Add(option);
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
            var interval = parse.GetValue(sampleInterval) is { } every ? Load.Duration.Parse(every, "--sample-interval") : (TimeSpan?)null;
            if (interval is not null && !parse.GetValue(json)) throw new PerfNotebooksException("--sample-interval prints JSON lines; use it with --json.");
            if (interval is { } i && i < TimeSpan.FromMilliseconds(10)) throw new PerfNotebooksException($"--sample-interval '{parse.GetValue(sampleInterval)}' is too short; use 10ms or more, e.g. 250ms.");
            if (hosts.AnyGiven(parse))
            {
                if (parse.GetValue(stopOnStdinEnd)) throw new PerfNotebooksException("--stop-on-stdin-eof is for a serve that runs on a host; leave it out with --server-host or --load-hosts.");
                if (parse.GetValue(database) is not null) throw new PerfNotebooksException("--db starts the database on this machine, which hosts cannot reach; leave it out with --server-host or --load-hosts.");
                return await ServeAcrossHosts.RunAsync(spec, hosts.Server(parse), hosts.Load(parse), hosts.Setup(parse, spec.Python), parse.GetValue(json), cancellationToken);
            }
            // The database first (the server's environment points at it), stopped and deleted after the server.
            await using var db = await ServeDatabase.StartAsync(parse.GetValue(database), cancellationToken);
            return await ServeAsync(db?.Apply(spec) ?? spec, parse.GetValue(json), interval, parse.GetValue(stopOnStdinEnd), cancellationToken);
        });
        return command;
    }

    private static async Task<int> ServeAsync(StackSpec spec, bool json, TimeSpan? sampleInterval, bool stopOnStdinEnd, CancellationToken invocationToken)
    {
        // Ctrl-C (SIGINT) and SIGTERM mean "stop the server and exit 0".
        using var interrupted = StopSignals.Take(invocationToken);
        // Across hosts: the controller holds this process's stdin through ssh; when it is gone, stop.
        if (stopOnStdinEnd) ParentWatch.CancelWhenStdinCloses(interrupted);
        var cancellationToken = interrupted.Token;
        RunningServer server;
        try
        {
            // The token is the owner's: Ctrl-C while starting stops what was started; later it stops the server too.
            server = await ServerLauncher.StartAsync(spec, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (json) Console.WriteLine(new ServeEvent { Event = ServeEvent.Stopped, Stack = spec.Name, Message = "interrupted while starting" }.ToJson());
            else Console.WriteLine($"interrupted while starting {spec.Name}; nothing left running.");
            return 0;
        }
        await using (server)
        {
            var pids = server.ProcessIds();
            var s = server.Spec;
            if (json)
            {
                Console.WriteLine(new ServeEvent
                {
                    Event = ServeEvent.Ready, Stack = s.Name, Url = server.BaseUrl.ToString(), Pid = server.Pid, Pids = pids,
                    Workers = s.Workers, Threads = s.Threads, Versions = server.Versions,
                }.ToJson());
            }
            else
            {
                Console.WriteLine($"serving {s.Name} at {server.BaseUrl}");
                Console.WriteLine($"  PIDs     {string.Join(", ", pids.Select(p => p.ToString(CultureInfo.InvariantCulture)))} (leader {server.Pid.ToString(CultureInfo.InvariantCulture)})");
                Console.WriteLine($"  workers  {s.Workers.ToString(CultureInfo.InvariantCulture)}, threads {s.Threads?.ToString(CultureInfo.InvariantCulture) ?? "-"}{(s.Cpus is null ? "" : $", CPUs {s.Cpus}")}");
                Console.WriteLine($"  versions Python {server.Versions.Python}; {server.Versions.Framework}; {server.Versions.Server}");
                Console.WriteLine("Press Ctrl-C to stop.");
            }
            await using var sampler = sampleInterval is { } interval ? new SampleLines(server, interval) : null;
            var poll = sampleInterval is { } shorter && shorter < TimeSpan.FromMilliseconds(200) ? shorter : TimeSpan.FromMilliseconds(200);
            while (!cancellationToken.IsCancellationRequested && !server.HasExited)
            {
                try { await Task.Delay(poll, cancellationToken); }
                catch (OperationCanceledException) { break; }
                sampler?.PrintNew();
            }
            sampler?.PrintNew();
            // Stopped by a signal handler of the library (the owner was signalled) counts as interrupted too.
            if (!cancellationToken.IsCancellationRequested && !server.StopRequested)
            {
                var tail = server.OutputTail(12).Replace('\n', '|');
                await server.StopAsync();
                if (json) Console.WriteLine(new ServeEvent { Event = ServeEvent.Exited, Stack = s.Name, Pid = server.Pid, ExitCode = server.ExitCode, Message = tail }.ToJson());
                throw new PerfNotebooksException($"{s.Name} (PID {server.Pid.ToString(CultureInfo.InvariantCulture)}) exited by itself. Last output: {tail}");
            }
            if (!json) Console.WriteLine($"stopping {s.Name}...");
            await server.StopAsync();
            if (json) Console.WriteLine(new ServeEvent { Event = ServeEvent.Stopped, Stack = s.Name, Pid = server.Pid }.ToJson());
            else Console.WriteLine($"stopped {s.Name}.");
        }
        return 0;
    }

    /// <summary>Samples the server's process tree and prints each sample once, as a JSON line with the wall-clock time it was taken.</summary>
    private sealed class SampleLines(RunningServer server, TimeSpan interval) : IAsyncDisposable
    {
        private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
        private readonly ProcessTreeSampler _sampler = ProcessTreeSampler.Start(server.Pid, interval);
        private int _printed;

        public void PrintNew()
        {
            var samples = _sampler.Samples;
            for (; _printed < samples.Count; _printed++)
            {
                var sample = samples[_printed];
                Console.WriteLine(new ServeEvent
                {
                    // The tree's PIDs with each sample: the controller sees a worker that died and was replaced.
                    Event = ServeEvent.Sample, Pid = server.Pid, Pids = server.ProcessIds(), UnixMs = (_startedAt + sample.Elapsed).ToUnixTimeMilliseconds(), Resources = sample,
                }.ToJson());
            }
        }

        public ValueTask DisposeAsync() => _sampler.DisposeAsync();
    }
}
