using System.CommandLine;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Cli;

/// <summary>
/// <c>perfnb report RUN [--format html|md] [--out FILE] [--runs DIR]</c>: renders a stored run as one self-contained
/// report.html (the default), or as a Markdown write-up (report.md with its charts as SVG files in report-files/),
/// and prints the path.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "A run id (see `perfnb runs`) or a run folder.", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the report (default RUN/report.html, or RUN/report.md with --format md; its images go to a -files folder beside it)." };
        var format = new Option<string>("--format") { Description = "html (one self-contained page, interactive charts) or md (a Markdown write-up with SVG charts beside it).", DefaultValueFactory = _ => "html" };
        var root = new Option<string>("--runs") { Description = "Folder that holds the run folders (default data/runs).", DefaultValueFactory = _ => RunStore.DefaultRoot };
        var bench = new Option<bool>("--bench") { Description = "Benchmark the run store and the report on a synthetic 100-cell run.", Hidden = true };
        var command = new Command("report", "Write a report of a stored run: a self-contained HTML page (works offline) or a Markdown write-up.") { run, format, output, root, bench };
        command.SetAction(parse =>
        {
            if (parse.GetValue(bench)) return ReportBenchmark.Run();
            if (string.IsNullOrWhiteSpace(parse.GetValue(run))) throw new PerfNotebooksException("no run given: perfnb report RUN (an id from `perfnb runs`, or a run folder).");
            var kind = (parse.GetValue(format) ?? "html").Trim().ToLowerInvariant();
            if (kind is not ("html" or "md" or "markdown"))
                throw new PerfNotebooksException($"--format '{parse.GetValue(format)}' is not accepted; use html or md.");
            var record = RunStore.Load(parse.GetValue(run) ?? "", parse.GetValue(root) ?? RunStore.DefaultRoot);
            var target = parse.GetValue(output);
            string path;
            try
            {
                path = kind == "html" ? HtmlReport.Write(record, target) : MarkdownReport.Write(record, target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
            {
                throw new PerfNotebooksException($"cannot write the report to '{target ?? record.Directory}': {e.Message}", e);
            }
            Console.Out.WriteLine(path);
            return 0;
        });
        return command;
    }
}
