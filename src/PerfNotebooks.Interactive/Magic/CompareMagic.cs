using System.Text.Json;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using PerfNotebooks.Experiments;
using PerfNotebooks.Hosts;
using PerfNotebooks.Interactive.Charts;
using PerfNotebooks.Interactive.Formatting;
using PerfNotebooks.Load;
using PerfNotebooks.Reporting;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!compare</c>: runs an experiment plan with live progress, then verdicts, charts and a DataFrame;
/// <c>--resume RUN [--trust]</c> finishes a stored run.</summary>
internal static class CompareMagic
{
    /// <summary>How #!compare spells the options a plan request reports mistakes in.</summary>
    private static readonly PlanOptionNames OptionNames = new()
    {
        Command = "#!compare", Preset = "--preset", Stacks = "--stacks", Endpoints = "--endpoints", Connections = "--concurrency", Rates = "--rates", Profile = "--profile",
        Workers = "--workers", Repetitions = "--repeat", Duration = "--duration", Warmup = "--warmup", Cooldown = "--cooldown", Seed = "--seed",
        App = "--app", AppDir = "--app-dir", PythonPath = "--pythonpath", Interface = "--interface", Servers = "--servers", ReadyPath = "--ready-path",
        Requests = "--requests", Python = "--python", StackFile = "--stack-file", Database = "--db",
    };

    public static void Register(Kernel kernel)
    {
        var compare = new KernelActionDirective("#!compare") { Description = "Compare stacks: --preset NAME, or --stacks A,B (or --app module:callable, or --specs VARS) --endpoints E --concurrency 1,8,64 --duration D --repeat K, or --resume RUN [--trust]" };
        compare.Parameters.Add(new KernelDirectiveParameter("--preset", "A named plan: " + string.Join(", ", PlanPresets.Names)).AddCompletions(() => PlanPresets.Names));
        compare.Parameters.Add(new KernelDirectiveParameter("--stacks", "Comma-separated stack names (see #!pyserver list)").AddCompletions(() => StackCatalog.Names));
        compare.Parameters.Add(new KernelDirectiveParameter("--endpoints", "Comma-separated paths, e.g. /plaintext,/json,/io?ms=10")
            .AddCompletions(() => EndpointCompletions.Examples));
        compare.Parameters.Add(new KernelDirectiveParameter("--concurrency", "Closed loop: comma-separated connection counts, e.g. 1,8,64"));
        compare.Parameters.Add(new KernelDirectiveParameter("--rates", "Constant rate: comma-separated requests/s, e.g. 500,2000"));
        compare.Parameters.Add(new KernelDirectiveParameter("--profile", "A rate every block follows instead of levels, e.g. spike:base=40,peak=400,at=3s,for=3s"));
        compare.Parameters.Add(new KernelDirectiveParameter("--workers", "Worker counts to try, e.g. 1,2 (default: each stack's own)"));
        compare.Parameters.Add(new KernelDirectiveParameter("--duration", "Measured time per cell: 500ms, 3s, 1m"));
        compare.Parameters.Add(new KernelDirectiveParameter("--warmup", "Unrecorded load before each cell"));
        compare.Parameters.Add(new KernelDirectiveParameter("--repeat", "Repetitions of every cell (2 or more for confidence intervals)"));
        compare.Parameters.Add(new KernelDirectiveParameter("--equal-within", "Equivalence band of the verdicts in percent: within it two results are practically equal (default 5%)"));
        compare.Parameters.Add(new KernelDirectiveParameter("--no-pin", "Let the load generator and the servers share every CPU (default: generator on one CPU, servers on the rest)") { Flag = true });
        compare.Parameters.Add(new KernelDirectiveParameter("--out", "Folder for the run (default: the repo's data/runs)"));
        compare.Parameters.Add(new KernelDirectiveParameter("--name", "C# variable for the comparison"));
        compare.Parameters.Add(new KernelDirectiveParameter("--stored", "A stored run (id or folder) to render instead of measuring, if it exists"));
        HostArgs.AddTo(compare);
        compare.Parameters.Add(new KernelDirectiveParameter("--save-md", "Also write a Markdown write-up of the run to this path (charts as SVG files beside it)"));
        compare.Parameters.Add(new KernelDirectiveParameter("--resume", "A stored run (id or folder) to finish: its failed and missing cells are measured"));
        compare.Parameters.Add(new KernelDirectiveParameter("--trust", "With --resume: run the commands the run's plan holds of its own, after showing them") { Flag = true });
        OwnAppParameters.AddTo(compare, withServers: true);
        compare.Parameters.Add(new KernelDirectiveParameter("--requests", "A request file (JSON: method, path, headers, body per entry); each entry is an endpoint"));
        compare.Parameters.Add(new KernelDirectiveParameter("--python", "Python interpreter for every stack (default /usr/bin/python3)"));
        compare.Parameters.Add(new KernelDirectiveParameter("--stack-file", $"Your own stacks, which --stacks can name (default: {StackFile.DefaultName} here)"));
        compare.Parameters.Add(new KernelDirectiveParameter("--db", "The database of the realistic workloads: sqlite (default when an endpoint needs one) or postgres").AddCompletions(() => ["sqlite", "postgres"]));
        compare.Parameters.Add(new KernelDirectiveParameter("--specs", "C# variables holding StackSpec values (or lists of them), comma-separated"));
        kernel.AddDirective<CompareMagicCommand>(compare, CellGuard.Wrap<CompareMagicCommand>((command, context) => RunAsync(kernel, command, context)));
    }

    private static async Task RunAsync(Kernel kernel, CompareMagicCommand command, KernelInvocationContext context)
    {
        var name = Args.VariableName(command.Name);
        if (command.Resume is { } toResume)
        {
            await ResumeAsync(kernel, command, toResume, name, context);
            return;
        }
        if (command.Trust) throw new PerfNotebooksException("--trust goes with --resume RUN: it lets a stored run's own commands run.");
        var hostRequest = HostArgs.Request(command.ServerHost, command.LoadHosts, command.SshOption, command.DeployRoot);
        var plan = await new PlanRequest
        {
            Preset = command.Preset,
            Stacks = command.Stacks,
            Endpoints = command.Endpoints,
            Connections = command.Concurrency,
            Rates = command.Rates,
            Profile = command.Profile,
            Workers = command.Workers,
            Repetitions = command.Repeat,
            Duration = command.Duration,
            Warmup = command.Warmup,
            // On separate machines the generator already has its own CPUs: nothing to pin here.
            SeparateCores = !command.NoPin && !hostRequest.AnyHost,
            Names = OptionNames,
            DefaultPreset = null,
            CustomPlanName = "notebook",
            App = command.App,
            AppDir = command.AppDir,
            PythonPath = command.PythonPath,
            Interface = command.Interface,
            Servers = command.Servers,
            ReadyPath = command.ReadyPath,
            Requests = command.Requests,
            Python = command.Python,
            StackFile = command.StackFile,
            Database = command.Db,
            Specs = command.Specs is null ? null : await CSharpValues.StackSpecsAsync(kernel, command.Specs),
        }.ToPlanAsync(context.CancellationToken);
        var band = command.EqualWithin is { } bandText ? EquivalenceBand.Parse(bandText, "--equal-within") : EquivalenceBand.Default;
        var root = command.Out ?? RunsFolder.Default();
        if (command.Stored is { } stored && StoredRun(stored, root) is { } storedRun)
        {
            context.Display(new HtmlString(Html.Block("compare", $"<div>rendered from the stored run {Html.E(storedRun.Id)} (measured {Html.E(storedRun.Info.Environment.StartedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture))} on {Html.E(storedRun.Info.Environment.CpuModel)}); leave out --stored to measure again.</div>")), "text/html");
            await ShowAsync(kernel, context, storedRun, name, planJson: null, command.SaveMd, band);
            return;
        }
        if (StoredMode.On)
        {
            await ShowStoredPlanAsync(kernel, context, plan, name, command.SaveMd, band);
            return;
        }
        // Hosts first: an unreachable one, or a stack its server host cannot run, fails the cell before anything runs.
        await using var hosts = hostRequest.AnyHost ? await HostArgs.OpenAsync(hostRequest, context.CancellationToken) : null;
        if (hosts is not null) await hosts.CheckStacksAsync(plan.Cells().Select(c => c.Stack.Name), hostRequest.Python, context.CancellationToken);
        var environment = await EnvironmentProbe.CaptureAsync(cancellationToken: context.CancellationToken);
        // The session holds the run folder's lock until the cell ends (the kernel lives on).
        using var session = RunStore.Create(root, plan, environment);
        await MeasureAsync(kernel, session, hosts, root, name, band, command.SaveMd, context);
    }

    /// <summary>
    /// <c>#!compare --resume RUN [--trust]</c>: finishes a stored run. A run folder can come from elsewhere: the
    /// commands its plan holds beyond the catalog's are shown, and run only with --trust.
    /// </summary>
    private static async Task ResumeAsync(Kernel kernel, CompareMagicCommand command, string run, string? name, KernelInvocationContext context)
    {
        if (command.Preset is not null || command.Stacks is not null)
            throw new PerfNotebooksException("--resume finishes a stored run with its own plan; leave out --preset and --stacks.");
        var root = command.Out ?? RunsFolder.Default();
        var stored = RunStore.Load(run, root);
        var commands = PlanCommands.NeedingTrust(stored.Info.Plan);
        if (commands.Count > 0)
        {
            context.Display(new HtmlString(Html.Block($"run {stored.Id} holds commands of its own, which resuming it runs",
                string.Concat(commands.Select(c => $"<div><code>{Html.E(c)}</code></div>")))), "text/html");
            if (!command.Trust)
                throw new PerfNotebooksException($"run {stored.Id} holds commands of its own (shown above), which #!compare --resume runs only with --trust; check them, then add --trust.");
        }
        // A run across hosts finishes on its own hosts (run.json names them), reached and clock-measured again.
        await using var hosts = stored.Info.Topology is { } topology
            ? await HostArgs.OpenAsync(HostArgs.Request(topology.ServerHost?.Address, topology.LoadHosts.Count == 0 ? null : string.Join(',', topology.LoadHosts.Select(h => h.Address)), command.SshOption, command.DeployRoot), context.CancellationToken)
            : null;
        using var session = RunStore.Resume(stored.Directory, root);
        if (!PlanCommands.NeedingTrust(session.Info.Plan).SequenceEqual(commands))
            throw new PerfNotebooksException($"run {stored.Id} changed while it was being opened; run the cell again.");
        var band = command.EqualWithin is { } bandText ? EquivalenceBand.Parse(bandText, "--equal-within") : EquivalenceBand.Default;
        await MeasureAsync(kernel, session, hosts, root, name, band, command.SaveMd, context);
    }

    private static async Task MeasureAsync(Kernel kernel, RunSession session, HostTopology? hosts, string root, string? name, EquivalenceBand band, string? saveMd, KernelInvocationContext context)
    {
        var display = context.Display(new HtmlString(ProgressHtml(session, null)), "text/html");
        var reporter = new Progress<ExperimentProgress>(p => display.Update(new HtmlString(ProgressHtml(session, p))));
        var runner = new ExperimentRunner(new OutOfProcessLoadRunner { CliPath = ToolsFolder.PerfnbDll });
        if (hosts is { IsDistributed: true })
        {
            var servers = hosts.ServerSite(runner.SampleInterval);
            runner = new ExperimentRunner(servers, (ILoadSite?)hosts.LoadSite() ?? new LocalLoadSite(new OutOfProcessLoadRunner { CliPath = ToolsFolder.PerfnbDll }));
            session.SetTopology(RunTopology.From(hosts, servers is SshServerSite remote ? remote.BindAddress : hosts.LocalBindAddress() ?? ""));
        }
        try
        {
            // Each cell starts its server fresh and stops it; an interrupt cancels the cell under way, which
            // stops its load and its server, and marks the run interrupted (finish it with perfnb compare --resume).
            await runner.RunAsync(session, reporter, context.CancellationToken);
        }
        catch (CellHostLostException e)
        {
            throw new PerfNotebooksException($"{e.Message}; {session.Results.Count(r => !r.Failed)} of {session.Info.Plan.Cells().Count} cells are stored in {session.Directory}. Finish with: perfnb compare --resume {session.Id} --out {root}");
        }
        finally
        {
            if (context.CancellationToken.IsCancellationRequested && name is not null)
                await VariableBinder.BindAsync(kernel, name, session.ToRecord());
        }

        var run = RunStore.Load(session.Directory, root);
        // verdicts.csv and claims.csv beside results.csv, as perfnb compare writes them; the view below shows the same.
        RunConclusions.Store(run, band);
        display.Update(new HtmlString(RunView.Render(run, name, band)));
        KernelCharts.ShowSafely(context, () => RunView.Charts(run));
        SaveMarkdown(context, run, null, saveMd);
        if (name is not null) await VariableBinder.BindAsync(kernel, name, run);
    }

    /// <summary>--save-md: the Markdown write-up of what the cell shows, written where asked (relative to the notebook's folder).</summary>
    internal static void SaveMarkdown(KernelInvocationContext context, RunRecord run, string? planJson, string? path)
    {
        if (path is null) return;
        string written;
        try
        {
            written = KernelCharts.WriteMarkdown(run.Directory, planJson, Path.GetFullPath(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PerfNotebooksException($"--save-md '{path}': cannot write there ({e.Message}).");
        }
        var files = Path.Combine(Path.GetDirectoryName(written)!, Path.GetFileNameWithoutExtension(written) + "-files");
        context.DisplayAs($"write-up: {written} (charts in {files}/)", "text/plain");
    }

    /// <summary>A stored run (or the part of it a plan asks for): the view, its charts, the variable.</summary>
    private static async Task ShowAsync(Kernel kernel, KernelInvocationContext context, RunRecord run, string? name, string? planJson, string? saveMd, EquivalenceBand band)
    {
        context.Display(new HtmlString(RunView.Render(run, name, band)), "text/html");
        KernelCharts.ShowSafely(context, () => RunView.Charts(run, planJson));
        SaveMarkdown(context, run, planJson, saveMd);
        if (name is not null) await VariableBinder.BindAsync(kernel, name, run);
    }

    /// <summary>
    /// Stored mode: the plan answered by the stored run that holds most of its conditions, with what it lacks
    /// said plainly. The variable holds that part of the stored run, under the plan asked for.
    /// </summary>
    private static async Task ShowStoredPlanAsync(Kernel kernel, KernelInvocationContext context, ExperimentPlan plan, string? name, string? saveMd, EquivalenceBand band)
    {
        var best = StoredMode.Runs.Select(r => StoredPlan.Of(plan, r)).OrderBy(p => p.Missing.Count).FirstOrDefault();
        if (best is null || best.Missing.Count == best.Asked)
            throw new PerfNotebooksException($"stored mode ({StoredMode.Variable}): no stored run holds any condition of this plan; run without {StoredMode.Variable} to measure.");
        var missing = best.Missing.Count == 0
            ? "It holds every condition this plan asks for."
            : $"It holds {best.Asked - best.Missing.Count} of the {best.Asked} conditions this plan asks for; not stored: {string.Join(", ", best.Missing.Take(12))}{(best.Missing.Count > 12 ? ", …" : "")}.";
        context.Display(new HtmlString(Html.Block("compare", $"<div>{Html.E(StoredMode.Provenance(best.Run))}</div><div>{Html.E(missing)}</div>")), "text/html");
        await ShowAsync(kernel, context, best.Run, name, JsonSerializer.Serialize(plan, RunJson.Options), saveMd, band);
    }

    /// <summary>The stored run if its folder holds one, else null (then the plan is measured).</summary>
    private static RunRecord? StoredRun(string run, string root)
    {
        var folder = Directory.Exists(run) ? run : Path.Combine(root, run);
        return File.Exists(Path.Combine(folder, RunFiles.RunJson)) ? RunStore.Load(folder, root) : null;
    }

    private static string ProgressHtml(RunSession session, ExperimentProgress? p)
    {
        if (p is null) return Html.Block($"compare: run {session.Id}", "<div>starting…</div>");
        var cell = p.Cell;
        var load = cell.Rate is { } rate ? $"{Html.N(rate)} req/s" : $"{cell.Connections} connections";
        var live = p.Load is { } l ? $" · {Html.N(l.CurrentRequestsPerSecond, "N0")} req/s now" : "";
        return Html.Block($"compare: cell {p.CellNumber} of {p.CellCount}",
            $"<div>{Html.E($"{cell.Stack.Name} · {cell.Endpoint} · {load} · repetition {cell.Repetition}")}</div>" +
            $"<div>{Html.E(p.Phase.ToString())}{live} · elapsed {Html.N(p.Elapsed.TotalSeconds, "0")} s · about {Html.N(Math.Max(0, p.Remaining.TotalSeconds), "0")} s left</div>");
    }
}
