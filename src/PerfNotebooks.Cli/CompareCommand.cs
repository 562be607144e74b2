using System.CommandLine;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Cli;

/// <summary>
/// <c>perfnb compare [--preset seed|quick | --stacks A,B] [--endpoints ..] [--connections ..|--rates ..]
/// [--workers ..] [--reps N] [--duration D] [--warmup D] [--cooldown D] [--shuffle] [--seed N]
/// [--reuse-server] [--out DIR] [--name NAME] [--resume RUN] [--no-report] [--app module:callable [--app-dir DIR]
/// [--pythonpath A,B] [--interface wsgi|asgi] [--servers LIST] [--ready-path P]] [--requests FILE] [--python PATH]
/// [--stack-file FILE] [--db sqlite|postgres]</c>: runs a plan cell by
/// cell into a run folder, then writes report.html and prints its path. The load runs in this process
/// (started with inline socket completions, as lean as <c>perfnb load</c>). Ctrl-C stops cleanly; the
/// run can be finished with --resume.
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
        var noReport = new Option<bool>("--no-report") { Description = "Do not write report.html at the end." };
        var ownApp = new OwnAppOptions();
        var requests = new Option<string?>("--requests") { Description = "A request file (JSON: method, path, headers, body per entry): each entry is an endpoint." };
        var python = new Option<string?>("--python") { Description = "Python interpreter for every stack (default /usr/bin/python3)." };
        var database = new Option<string?>("--db") { Description = "The database of the realistic workloads: sqlite (a file, the default when an endpoint needs one) or postgres (a throwaway cluster)." };
        var stackFile = new Option<string?>("--stack-file") { Description = $"Your own stacks, which --stacks can name (default: {Servers.StackFile.DefaultName} here, if there is one)." };

        var command = new Command("compare", "Compare stacks: run a plan of cells (stack x endpoint x load x repetition), store it, write an HTML report.")
        {
            preset, stacks, endpoints, connections, rates, workers, reps, duration, warmup, cooldown, shuffle, seed, reuse, output, name, resume, noReport,
            requests, python, stackFile, database,
        };
        ownApp.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = parse.GetValue(output) ?? RunStore.DefaultRoot;
            RunSession session;
            if (parse.GetValue(resume) is { } runToResume)
            {
                if (parse.GetValue(preset) is not null || parse.GetValue(stacks) is not null || parse.GetValue(ownApp.App) is not null)
                    throw new PerfNotebooksException("--resume finishes a stored run with its own plan; leave out --preset, --stacks and --app.");
                session = RunStore.Resume(runToResume, root);
                Console.Out.WriteLine($"perfnb: resuming run {session.Id} ({session.Results.Count} of {session.Info.Plan.Cells().Count} cells already measured) in {session.Directory}");
            }
            else
            {
                var plan = await new PlanRequest
                {
                    Preset = parse.GetValue(preset),
                    Stacks = parse.GetValue(stacks),
                    Endpoints = parse.GetValue(endpoints),
                    Connections = parse.GetValue(connections),
                    Rates = parse.GetValue(rates),
                    Workers = parse.GetValue(workers),
                    Repetitions = parse.GetValue(reps),
                    Duration = parse.GetValue(duration),
                    Warmup = parse.GetValue(warmup),
                    Cooldown = parse.GetValue(cooldown),
                    Shuffle = parse.GetValue(shuffle),
                    Seed = parse.GetValue(seed),
                    ReuseServer = parse.GetValue(reuse),
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
                }.ToPlanAsync(cancellationToken);
                var cells = plan.Cells();
                var environment = await EnvironmentProbe.CaptureAsync(cancellationToken: cancellationToken);
                session = RunStore.Create(root, plan, environment, parse.GetValue(name));
                Console.Out.WriteLine($"perfnb: run {session.Id}: plan '{plan.Name}', {cells.Count} cells ({plan.Repetitions} repetition(s), {Load.Duration.Format(plan.Warmup)} warm-up + {Load.Duration.Format(plan.Duration)} each), stored in {session.Directory}");
            }

            var pending = session.PendingCells();
            var runner = new ExperimentRunner(InProcessLoadRunner.Instance);
            var resumeHint = $"perfnb compare --resume {session.Id}{(root == RunStore.DefaultRoot ? "" : " --out " + root)}";
            // Ctrl-C: this command stops its own server (the runner disposes it), so it takes the key over;
            // otherwise the library's last-resort handler would stop the servers and let SIGINT kill the
            // process before the run is marked interrupted. The cell in progress is discarded, so the
            // message is right as soon as the key is pressed: print it at once.
            using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ConsoleCancelEventHandler takeOver = (_, e) =>
            {
                e.Cancel = true;
                interrupted.Cancel();
            };
            Console.CancelKeyPress += takeOver;
            using var stopping = interrupted.Token.Register(() =>
                Console.Error.WriteLine($"perfnb: stopping; {session.Results.Count} of {session.Info.Plan.Cells().Count} cells are stored in {session.Directory}. Finish with: {resumeHint}"));
            try
            {
                await CompareProgressDisplay.RunAsync(pending.Count, progress => runner.RunAsync(session, progress, interrupted.Token));
            }
            catch (OperationCanceledException)
            {
                return 130;
            }
            finally
            {
                Console.CancelKeyPress -= takeOver;
            }

            var flagged = session.Results.Count(r => r.Flags.Count > 0);
            Console.Out.WriteLine($"perfnb: measured {session.Results.Count} cells{(flagged > 0 ? $" ({flagged} flagged)" : "")}; data in {session.Directory}");
            if (!parse.GetValue(noReport))
            {
                var report = HtmlReport.Write(session.ToRecord());
                Console.Out.WriteLine($"perfnb: report: {report}");
            }
            return 0;
        });
        return command;
    }
}
