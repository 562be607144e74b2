using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using PerfNotebooks.Experiments;
using PerfNotebooks.Interactive.Charts;
using PerfNotebooks.Interactive.Formatting;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!runs</c>: lists stored runs; <c>--load RUN --name VAR</c> loads one without re-measuring.</summary>
internal static class RunsMagic
{
    public static void Register(Kernel kernel)
    {
        var runs = new KernelActionDirective("#!runs") { Description = "List stored runs, or --load RUN --name VAR to load one without re-measuring" };
        runs.Parameters.Add(new KernelDirectiveParameter("--load", "A run's id or folder to load").AddCompletions(() => Ids()));
        runs.Parameters.Add(new KernelDirectiveParameter("--name", "C# variable for the loaded run"));
        runs.Parameters.Add(new KernelDirectiveParameter("--out", "Folder that holds the runs (default: the repo's data/runs)"));
        runs.Parameters.Add(new KernelDirectiveParameter("--save-md", "With --load: also write the run's Markdown write-up to this path (charts as SVG files beside it)"));
        kernel.AddDirective<RunsMagicCommand>(runs, CellGuard.Wrap<RunsMagicCommand>(async (command, context) =>
        {
            var root = command.Out ?? RunsFolder.Default();
            var name = Args.VariableName(command.Name);
            if (command.Load is null)
            {
                if (name is not null) throw new PerfNotebooksException("--name goes with --load RUN: #!runs --load RUN --name VAR.");
                if (command.SaveMd is not null) throw new PerfNotebooksException("--save-md goes with --load RUN: #!runs --load RUN --save-md PATH.");
                var scan = RunStore.Scan(root);
                var listing = scan.Runs;
                // A folder that is not a whole run is one line; the good runs are listed all the same.
                var skipped = string.Concat(scan.Unreadable.Select(line => $"<div class=\"warn\">skipped {Html.E(line)}</div>"));
                context.Display(new HtmlString(Html.Block($"{listing.Count} stored run(s) in {Html.Path(root)}", skipped + Html.Table(
                    ["run", "plan", "status", "cells", "started", "report"],
                    listing.Select(r => (IReadOnlyList<string>)
                    [
                        Html.E(r.Id), Html.E(r.Plan), Html.E(r.Status.ToString()), $"{r.CellsDone}/{r.CellsPlanned}",
                        Html.E(r.StartedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)), r.HasReport ? "yes" : "",
                    ])))), "text/html");
                return;
            }
            var run = RunStore.Load(command.Load, root);
            if (name is not null) await VariableBinder.BindAsync(kernel, name, run);
            context.Display(new HtmlString(RunView.Render(run, name)), "text/html");
            KernelCharts.ShowSafely(context, () => RunView.Charts(run));
            CompareMagic.SaveMarkdown(context, run, null, command.SaveMd);
        }));
    }

    private static string[] Ids()
    {
        try { return RunStore.List(RunsFolder.Default()).Select(r => r.Id).ToArray(); }
        catch (Exception e) when (e is IOException or PerfNotebooksException or UnauthorizedAccessException) { return []; }
    }
}
