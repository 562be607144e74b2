using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using PerfNotebooks.Experiments;
using PerfNotebooks.Interactive.Formatting;
using PerfNotebooks.Reporting;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!compare</c>: runs an experiment plan with live progress, then verdicts, charts and a DataFrame.</summary>
internal static class CompareMagic
{
    public static void Register(Kernel kernel)
    {
        var compare = new KernelActionDirective("#!compare") { Description = "Compare stacks: --preset NAME, or --stacks A,B --endpoints E --concurrency 1,8,64 --duration D --repeat K" };
        compare.Parameters.Add(new KernelDirectiveParameter("--preset", "A named plan: " + string.Join(", ", PlanPresets.Names)).AddCompletions(() => PlanPresets.Names));
        compare.Parameters.Add(new KernelDirectiveParameter("--stacks", "Comma-separated stack names (see #!pyserver list)").AddCompletions(() => StackCatalog.Names));
        compare.Parameters.Add(new KernelDirectiveParameter("--endpoints", "Comma-separated paths, e.g. /plaintext,/json,/io?ms=10")
            .AddCompletions(() => ["/plaintext", "/json", "/io?ms=10", "/cpu?n=1000", "/bytes?size=1024"]));
        compare.Parameters.Add(new KernelDirectiveParameter("--concurrency", "Closed loop: comma-separated connection counts, e.g. 1,8,64"));
        compare.Parameters.Add(new KernelDirectiveParameter("--rates", "Constant rate: comma-separated requests/s, e.g. 500,2000"));
        compare.Parameters.Add(new KernelDirectiveParameter("--workers", "Worker counts to try, e.g. 1,2 (default: each stack's own)"));
        compare.Parameters.Add(new KernelDirectiveParameter("--duration", "Measured time per cell: 500ms, 3s, 1m"));
        compare.Parameters.Add(new KernelDirectiveParameter("--warmup", "Unrecorded load before each cell"));
        compare.Parameters.Add(new KernelDirectiveParameter("--repeat", "Repetitions of every cell (2 or more for confidence intervals)"));
        compare.Parameters.Add(new KernelDirectiveParameter("--equal-within", "Equivalence band of the verdicts in percent: within it two results are practically equal (default 5%)"));
        compare.Parameters.Add(new KernelDirectiveParameter("--no-pin", "Let the load generator and the servers share every CPU (default: generator on one CPU, servers on the rest)") { Flag = true });
        compare.Parameters.Add(new KernelDirectiveParameter("--out", "Folder for the run (default: the repo's data/runs)"));
        compare.Parameters.Add(new KernelDirectiveParameter("--name", "C# variable for the comparison"));
        compare.Parameters.Add(new KernelDirectiveParameter("--stored", "A stored run (id or folder) to render instead of measuring, if it exists"));
        kernel.AddDirective<CompareMagicCommand>(compare, CellGuard.Wrap<CompareMagicCommand>((command, context) => RunAsync(kernel, command, context)));
    }

    private static async Task RunAsync(Kernel kernel, CompareMagicCommand command, KernelInvocationContext context)
    {
        var name = Args.VariableName(command.Name);
        var plan = new PlanRequest
        {
            Preset = command.Preset,
            Stacks = command.Stacks,
            Endpoints = command.Endpoints,
            Connections = command.Concurrency,
            Rates = command.Rates,
            Workers = command.Workers,
            Repetitions = command.Repeat,
            Duration = command.Duration,
            Warmup = command.Warmup,
            SeparateCores = !command.NoPin,
            Names = PlanOptionNames.Notebook,
            DefaultPreset = null,
            CustomPlanName = "notebook",
        }.ToPlan();
        var band = command.EqualWithin is { } bandText ? EquivalenceBand.Parse(bandText, "--equal-within") : EquivalenceBand.Default;
        var root = command.Out ?? RunsFolder.Default();
        if (command.Stored is { } stored && StoredRun(stored, root) is { } storedRun)
        {
            context.Display(new HtmlString(Html.Block("compare", $"<div>rendered from the stored run {Html.E(storedRun.Id)} (measured {Html.E(storedRun.Info.Environment.StartedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture))} on {Html.E(storedRun.Info.Environment.CpuModel)}); leave out --stored to measure again.</div>")), "text/html");
            context.Display(new HtmlString(RunView.Render(storedRun, name, band)), "text/html");
            context.Display(ResultFrames.Results(storedRun), "text/html");
            if (name is not null) await VariableBinder.BindAsync(kernel, name, storedRun);
            return;
        }
        var environment = await EnvironmentProbe.CaptureAsync(cancellationToken: context.CancellationToken);
        var session = RunStore.Create(root, plan, environment);

        var display = context.Display(new HtmlString(ProgressHtml(session, null)), "text/html");
        var reporter = new Progress<ExperimentProgress>(p => display.Update(new HtmlString(ProgressHtml(session, p))));
        var runner = new ExperimentRunner(new KernelLoadRunner());
        try
        {
            // Each cell starts its server fresh and stops it; an interrupt cancels the cell under way, which
            // stops its load and its server, and marks the run interrupted (finish it with perfnb compare --resume).
            await runner.RunAsync(session, reporter, context.CancellationToken);
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
        context.Display(ResultFrames.Results(run), "text/html");
        if (name is not null) await VariableBinder.BindAsync(kernel, name, run);
    }

    /// <summary>The stored run if its folder holds one, else null (then the plan is measured).</summary>
    private static RunRecord? StoredRun(string run, string root)
    {
        var folder = Directory.Exists(run) ? run : Path.Combine(root, run);
        return File.Exists(Path.Combine(folder, "run.json")) ? RunStore.Load(folder, root) : null;
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
