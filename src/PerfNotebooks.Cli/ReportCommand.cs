using System.CommandLine;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Cli;

/// <summary>
/// <c>perfnb report RUN [--format html|md] [--out FILE] [--runs DIR] [--summary] [--equal-within 5%] [--open]</c>:
/// renders a stored run as one self-contained report.html (the default) or as a Markdown write-up (report.md with
/// its charts as SVG files in report-files/), writes its verdicts.csv and claims.csv, and prints the path; with
/// --summary, the same terminal summary <c>perfnb compare</c> ends with.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "A run id (see `perfnb runs`) or a run folder.", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the report (default RUN/report.html, or RUN/report.md with --format md; its images go to a -files folder beside it)." };
        var format = new Option<string>("--format") { Description = "html (one self-contained page, interactive charts) or md (a Markdown write-up with SVG charts beside it).", DefaultValueFactory = _ => "html" };
        var root = new Option<string>("--runs") { Description = "Folder that holds the run folders (default data/runs).", DefaultValueFactory = _ => RunStore.DefaultRoot };
        var summary = new Option<bool>("--summary") { Description = "Print the verdicts and the claims in the terminal, as `perfnb compare` ends." };
        var equalWithin = new Option<string?>("--equal-within") { Description = "Equivalence band of the verdicts in percent (default 5%)." };
        var open = new Option<bool>("--open") { Description = "Open the report in the default browser (xdg-open, where a desktop exists)." };
        var command = new Command("report", "Write a report of a stored run: a self-contained HTML page (works offline) or a Markdown write-up.") { run, format, output, root, summary, equalWithin, open };
        command.SetAction(parse =>
        {
            if (string.IsNullOrWhiteSpace(parse.GetValue(run))) throw new PerfNotebooksException("no run given: perfnb report RUN (an id from `perfnb runs`, or a run folder).");
            var band = parse.GetValue(equalWithin) is { } bandText ? EquivalenceBand.Parse(bandText, "--equal-within") : EquivalenceBand.Default;
            var kind = (parse.GetValue(format) ?? "html").Trim().ToLowerInvariant() switch
            {
                "html" => ReportFormat.Html,
                "md" or "markdown" => ReportFormat.Markdown,
                _ => throw new PerfNotebooksException($"--format '{parse.GetValue(format)}' is not accepted; use html or md."),
            };
            OutputPath.EnsureWritable(parse.GetValue(output), "--out");
            var record = RunStore.Load(parse.GetValue(run) ?? "", parse.GetValue(root) ?? RunStore.DefaultRoot);
            // What did not load (a damaged .hlog) is left out of the report, which says so, as does this line.
            foreach (var problem in record.Problems) Console.Error.WriteLine($"perfnb: warning: {problem}");
            var options = new RunEnding.Options { Band = band, Format = kind, ReportPath = parse.GetValue(output), Open = parse.GetValue(open) };
            if (parse.GetValue(summary))
            {
                RunEnding.Finish(record, options, Console.Out);
                return 0;
            }
            // Without --summary: the report's path alone on stdout (scripts read it), as before.
            var path = RunEnding.Finish(record, options with { Summary = false, Open = false }, TextWriter.Null);
            Console.Out.WriteLine(path);
            if (options.Open) Console.Out.WriteLine(ReportOpener.Open(path!));
            return 0;
        });
        return command;
    }
}
