using System.CommandLine;
using PerfNotebooks.Experiments;
using PerfNotebooks.Hosts;
using PerfNotebooks.Load;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Cli;

/// <summary>
/// <c>perfnb compare [--preset seed|quick | --stacks A,B] [--endpoints ..] [--connections ..|--rates ..]
/// [--workers ..] [--reps N] [--duration D] [--warmup D] [--cooldown D] [--shuffle] [--seed N]
/// [--reuse-server] [--out DIR] [--name NAME] [--resume RUN [--trust]] [--no-report] [--equal-within 5%] [--quiet] [--open]
/// [--app module:callable [--app-dir DIR] [--pythonpath A,B] [--interface wsgi|asgi] [--servers LIST] [--ready-path P]]
/// [--requests FILE] [--python PATH] [--stack-file FILE] [--db sqlite|postgres]</c>:
/// runs a plan cell by cell into a run folder, then writes verdicts.csv, claims.csv and report.html,
/// prints the terminal summary (<see cref="RunSummary"/>) and the paths. The load runs in this process
/// (the engine's own event-loop threads, as in <c>perfnb load</c>). Ctrl-C stops cleanly; the
/// run can be finished with --resume. Exit codes: 0 every cell measured, 1 a cell failed to start or to
/// measure (named on stderr; --resume retries it), 2 bad input, 130 interrupted.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var preset = new Option<string?>("--preset") { Description = "A named plan: seed (the classic comparison, ~15 min) or quick (~2 min, the default)." };
        var stacks = new Option<string?>("--stacks") { Description = "Comma-separated stacks for a custom plan (see `perfnb servers`)." };
        var endpoints = new Option<string?>("--endpoints") { Description = "Comma-separated endpoints, e.g. /plaintext,/json,/io?ms=10." };
        var connections = new Option<string?>("--connections", "-c") { Description = "Closed-loop load levels: connection counts, e.g. 1,32,256." };
        var rates = new Option<string?>("--rates") { Description = "Constant-rate load levels in requests per second, e.g. 500,2000." };
        var profile = new Option<string?>("--profile") { Description = "A rate every block follows instead of fixed levels: spike:base=40,peak=400,at=3s,for=3s, ramp:..., step:..., schedule:FILE.csv." };
        var workers = new Option<string?>("--workers") { Description = "Worker counts to try, e.g. 1,2 (default: each stack's own)." };
        var reps = new Option<string?>("--reps") { Description = "Repetitions of every cell (2 or more for confidence intervals)." };
        var duration = new Option<string?>("--duration", "-d") { Description = "Measured time per cell: 500ms, 3s, 1m." };
        var warmup = new Option<string?>("--warmup") { Description = "Unrecorded load before each cell." };
        var cooldown = new Option<string?>("--cooldown") { Description = "Pause between cells." };
        var shuffle = new Option<bool>("--shuffle") { Description = "Run cells in a shuffled order (the seed is recorded)." };
        var seed = new Option<string?>("--seed") { Description = "Shuffle with this seed (implies --shuffle)." };
        var reuse = new Option<bool>("--reuse-server") { Description = "Keep one server per stack across load levels instead of a fresh one per cell." };
        var output = new Option<string>("--out", "-o") { Description = "Folder that holds the run folders (default data/runs).", DefaultValueFactory = _ => RunStore.DefaultRoot };
        var name = new Option<string?>("--name") { Description = "Name of the run folder, as given (default: TIMESTAMP-PLAN)." };
        var resume = new Option<string?>("--resume") { Description = "Finish an interrupted run (its id or folder) without repeating its measured cells." };
        var noReport = new Option<bool>("--no-report") { Description = "Do not write report.html at the end (verdicts.csv and claims.csv are still written)." };
        var equalWithin = new Option<string?>("--equal-within") { Description = "Equivalence band of the verdicts: results within this many percent are practically equal (default 5%)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the paths of what was written (no progress, no summary)." };
        var noPin = new Option<bool>("--no-pin") { Description = "Let the load generator and the servers share every CPU (default: generator on CPU 0, servers on the rest, where there are 2 or more)." };
        var trust = new Option<bool>("--trust") { Description = "With --resume: run the commands the run's plan holds of its own (user-defined stacks), after printing them." };
        var open = new Option<bool>("--open") { Description = "Open report.html in the default browser at the end (xdg-open, where a desktop exists)." };
        var ownApp = new OwnAppOptions();
        var requests = new Option<string?>("--requests") { Description = "A request file (JSON: method, path, headers, body per entry): each entry is an endpoint." };
        var python = new Option<string?>("--python") { Description = "Python interpreter for every stack (default /usr/bin/python3)." };
        var database = new Option<string?>("--db") { Description = "The database of the realistic workloads: sqlite (a file, the default when an endpoint needs one) or postgres (a throwaway cluster)." };
        var stackFile = new Option<string?>("--stack-file") { Description = $"Your own stacks, which --stacks can name (default: {Servers.StackFile.DefaultName} here, if there is one)." };
        var hosts = new HostOptions();

        var command = new Command("compare", "Compare stacks: run a plan of cells (stack x endpoint x load x repetition), store it, write an HTML report.")
        {
            preset, stacks, endpoints, connections, rates, profile, workers, reps, duration, warmup, cooldown, shuffle, seed, reuse, output, name, resume, noReport,
            equalWithin, quiet, open, noPin, trust, requests, python, stackFile, database,
        };
        foreach (var option in hosts.All) command.Options.Add(option);
        ownApp.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = parse.GetValue(output) ?? RunStore.DefaultRoot;
            var band = parse.GetValue(equalWithin) is { } bandText ? EquivalenceBand.Parse(bandText, "--equal-within") : EquivalenceBand.Default;
            if (parse.GetValue(open) && parse.GetValue(noReport)) throw new PerfNotebooksException("--open opens report.html, which --no-report leaves out; give one of them.");
            var isQuiet = parse.GetValue(quiet);
            var say = isQuiet ? TextWriter.Null : Console.Out;
            RunSession session;
            HostTopology? topology = null;
            if (parse.GetValue(resume) is { } runToResume)
            {
                if (parse.GetValue(preset) is not null || parse.GetValue(stacks) is not null || parse.GetValue(ownApp.App) is not null)
                    throw new PerfNotebooksException("--resume finishes a stored run with its own plan; leave out --preset, --stacks and --app.");
                if (hosts.AnyGiven(parse))
                    throw new PerfNotebooksException("--resume finishes a stored run on its own hosts (run.json names them); leave out --server-host and --load-hosts.");
                // A run folder can come from elsewhere: what it would run beyond the catalog is shown and must be trusted first.
                var stored = RunStore.Load(runToResume, root);
                ResumeTrust.Confirm(stored.Info.Plan, stored.Id, parse.GetValue(trust));
                // The run's own hosts, reached, deployed to and clock-measured again before anything is measured.
                if (stored.Info.Topology is { } storedHosts)
                {
                    topology = await HostOptions.OpenAsync(
                        storedHosts.ServerHost is { } s ? HostAddress.Parse(s.Address) : null,
                        [.. storedHosts.LoadHosts.Select(h => HostAddress.Parse(h.Address))],
                        hosts.Setup(parse), cancellationToken);
                }
                session = RunStore.Resume(stored.Directory, root);
                if (!PlanCommands.NeedingTrust(session.Info.Plan).SequenceEqual(PlanCommands.NeedingTrust(stored.Info.Plan)))
                {
                    session.Dispose();
                    throw new PerfNotebooksException($"run {stored.Id} changed while it was being opened; run the command again.");
                }
                var failedBefore = session.Results.Count(r => r.Failed);
                say.WriteLine($"perfnb: resuming run {session.Id} ({session.Results.Count - failedBefore} of {session.Info.Plan.Cells().Count} cells already measured{(failedBefore > 0 ? $", {failedBefore} failed to retry" : "")}) in {session.Directory}");
            }
            else
            {
                if (parse.GetValue(trust)) throw new PerfNotebooksException("--trust goes with --resume RUN: it lets a stored run's own commands run.");
                var plan = await new PlanRequest
                {
                    Preset = parse.GetValue(preset),
                    Stacks = parse.GetValue(stacks),
                    Endpoints = parse.GetValue(endpoints),
                    Connections = parse.GetValue(connections),
                    Rates = parse.GetValue(rates),
                    Profile = parse.GetValue(profile),
                    Workers = parse.GetValue(workers),
                    Repetitions = parse.GetValue(reps),
                    Duration = parse.GetValue(duration),
                    Warmup = parse.GetValue(warmup),
                    Cooldown = parse.GetValue(cooldown),
                    Shuffle = parse.GetValue(shuffle),
                    Seed = parse.GetValue(seed),
                    ReuseServer = parse.GetValue(reuse),
                    // On separate machines the generator already has its own CPUs: nothing to pin here.
                    SeparateCores = !parse.GetValue(noPin) && !hosts.AnyGiven(parse),
                    App = parse.GetValue(ownApp.App),
                    AppDir = parse.GetValue(ownApp.AppDir),
                    PythonPath = parse.GetValue(ownApp.PythonPath),
                    Interface = parse.GetValue(ownApp.Interface),
                    Servers = parse.GetValue(ownApp.Servers),
                    ReadyPath = parse.GetValue(ownApp.ReadyPath),
                    Requests = parse.GetValue(requests),
                    Python = parse.GetValue(python),
                    StackFile = parse.GetValue(stackFile),
                    Database = parse.GetValue(database),
                    Names = new PlanOptionNames
                    {
                        Command = "perfnb compare", Preset = preset.Name, Stacks = stacks.Name, Endpoints = endpoints.Name, Connections = connections.Name,
                        Rates = rates.Name, Profile = profile.Name, Workers = workers.Name, Repetitions = reps.Name, Duration = duration.Name, Warmup = warmup.Name,
                        Cooldown = cooldown.Name, Seed = seed.Name, App = ownApp.App.Name, AppDir = ownApp.AppDir.Name, PythonPath = ownApp.PythonPath.Name,
                        Interface = ownApp.Interface.Name, Servers = ownApp.Servers.Name, ReadyPath = ownApp.ReadyPath.Name, Requests = requests.Name,
                        Python = python.Name, StackFile = stackFile.Name, Database = database.Name,
                    },
                }.ToPlanAsync(cancellationToken);
                var cells = plan.Cells();
                // Hosts first: an unreachable one, or a stack its server host cannot run, is one line before anything starts.
                var server = hosts.Server(parse);
                if (server is not null && plan.DatabaseToStart is not null)
                    throw new PerfNotebooksException("--server-host: the plan's endpoints need a database, which starts on this machine where the server host cannot reach it; run them with the server here.");
                var load = hosts.Load(parse);
                if (server is not null || load.Count > 0)
                {
                    topology = await HostOptions.OpenAsync(server, load, hosts.Setup(parse), cancellationToken);
                    try
                    {
                        await topology.CheckStacksAsync(cells.Select(c => c.Stack.Name), "/usr/bin/python3", cancellationToken);
                    }
                    catch
                    {
                        await topology.DisposeAsync();
                        throw;
                    }
                }
                var environment = await EnvironmentProbe.CaptureAsync(cancellationToken: cancellationToken);
                session = RunStore.Create(root, plan, environment, parse.GetValue(name));
                say.WriteLine($"perfnb: run {session.Id}: plan '{plan.Name}', {cells.Count} cells ({plan.Repetitions} repetition(s), {Load.Duration.Format(plan.Warmup)} warm-up + {Load.Duration.Format(plan.Duration)} each{(cells.Any(c => plan.DurationOf(c) != plan.Duration || plan.WarmupOf(c) != plan.Warmup) ? " where a block sets no timing of its own" : "")}; about {Math.Max(1, Math.Ceiling(plan.EstimatedDuration().TotalMinutes)).ToString(System.Globalization.CultureInfo.InvariantCulture)} min in all), {(plan.Placement is { } p ? p.ToString() : "generator and servers sharing every CPU")}, stored in {session.Directory}");
            }

            // The session holds the run folder's lock until the command ends.
            using var owned = session;
            await using var openHosts = topology;
            var pending = session.PendingCells();
            var runner = new ExperimentRunner(InProcessLoadRunner.Instance);
            if (topology is { IsDistributed: true })
            {
                var serverSite = topology.ServerSite(runner.SampleInterval);
                runner = new ExperimentRunner(serverSite, (ILoadSite?)topology.LoadSite() ?? new LocalLoadSite(InProcessLoadRunner.Instance));
                session.SetTopology(RunTopology.From(topology, serverSite is SshServerSite remote ? remote.BindAddress : topology.LocalBindAddress() ?? ""));
                say.WriteLine($"perfnb: servers on {serverSite.Name}; load from {topology.LoadSite()?.Name ?? "this machine"}");
            }
            var resumeHint = $"perfnb compare --resume {session.Id}{(root == RunStore.DefaultRoot ? "" : " --out " + root)}";
            // Ctrl-C or SIGTERM: the runner stops its own server and the run is marked interrupted. The cell in
            // progress is discarded, so the message is right as soon as the signal arrives: print it at once.
            using var interrupted = StopSignals.Take(cancellationToken);
            using var stopping = interrupted.Token.Register(() =>
                Console.Error.WriteLine($"perfnb: stopping; {session.Results.Count(r => !r.Failed)} of {session.Info.Plan.Cells().Count} cells are stored in {session.Directory}. Finish with: {resumeHint}"));
            try
            {
                if (isQuiet) await runner.RunAsync(session, null, interrupted.Token);
                else await CompareProgressDisplay.RunAsync(pending.Count, progress => runner.RunAsync(session, progress, interrupted.Token));
            }
            catch (OperationCanceledException)
            {
                return 130;
            }
            catch (CellHostLostException e)
            {
                // Every other cell is kept; no process is left on the hosts still reachable (the runner stopped them).
                Console.Error.WriteLine($"perfnb: {e.Message}; {session.Results.Count(r => !r.Failed)} of {session.Info.Plan.Cells().Count} cells are stored in {session.Directory}. Finish with: {resumeHint}");
                return 1;
            }

            var flagged = session.Results.Count(r => r.Flags.Count > 0 && !r.Failed);
            RunEnding.Finish(session.ToRecord(), new RunEnding.Options { Band = band, WriteReport = !parse.GetValue(noReport), Summary = !isQuiet, Open = parse.GetValue(open) },
                Console.Out, [$"perfnb: measured {session.Results.Count(r => !r.Failed)} cells{(flagged > 0 ? $" ({flagged} flagged)" : "")}; data in {session.Directory}"]);
            return FailedCellsSummary.Report(session, resumeHint);
        });
        return command;
    }
}
