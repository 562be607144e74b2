using System.CommandLine;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Cli;

/// <summary>
/// <c>perfnb report RUN [--out FILE] [--runs DIR] [--summary] [--equal-within 5%] [--open]</c>: renders a stored
/// run as one self-contained report.html (and its verdicts.csv and claims.csv) and prints its path; with
/// --summary, the same terminal summary <c>perfnb compare</c> ends with.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "A run id (see `perfnb runs`) or a run folder.", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the report (default RUN/report.html)." };
        var root = new Option<string>("--runs") { Description = "Folder that holds the run folders (default data/runs).", DefaultValueFactory = _ => RunStore.DefaultRoot };
        var summary = new Option<bool>("--summary") { Description = "Print the verdicts and the claims in the terminal, as `perfnb compare` ends." };
        var equalWithin = new Option<string?>("--equal-within") { Description = "Equivalence band of the verdicts in percent (default 5%)." };
        var open = new Option<bool>("--open") { Description = "Open the report in the default browser (xdg-open, where a desktop exists)." };
        var bench = new Option<bool>("--bench") { Description = "Benchmark the run store and the report on a synthetic 100-cell run.", Hidden = true };
        var command = new Command("report", "Write a self-contained HTML report (works offline) for a stored run.") { run, output, root, summary, equalWithin, open, bench };
        command.SetAction(parse =>
        {
            if (parse.GetValue(bench)) return ReportBenchmark.Run();
            if (string.IsNullOrWhiteSpace(parse.GetValue(run))) throw new PerfNotebooksException("no run given: perfnb report RUN (an id from `perfnb runs`, or a run folder).");
            var band = parse.GetValue(equalWithin) is { } bandText ? EquivalenceBand.Parse(bandText, "--equal-within") : EquivalenceBand.Default;
            var record = RunStore.Load(parse.GetValue(run) ?? "", parse.GetValue(root) ?? RunStore.DefaultRoot);
            var options = new RunEnding.Options { Band = band, ReportPath = parse.GetValue(output), Open = parse.GetValue(open) };
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
