using System.CommandLine;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Cli;

/// <summary><c>perfnb report RUN [--out FILE] [--runs DIR]</c>: renders a stored run as one self-contained report.html and prints its path.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "A run id (see `perfnb runs`) or a run folder.", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the report (default RUN/report.html)." };
        var root = new Option<string>("--runs") { Description = "Folder that holds the run folders (default data/runs).", DefaultValueFactory = _ => RunStore.DefaultRoot };
        var bench = new Option<bool>("--bench") { Description = "Benchmark the run store and the report on a synthetic 100-cell run.", Hidden = true };
        var command = new Command("report", "Write a self-contained HTML report (works offline) for a stored run.") { run, output, root, bench };
        command.SetAction(parse =>
        {
            if (parse.GetValue(bench)) return ReportBenchmark.Run();
            if (string.IsNullOrWhiteSpace(parse.GetValue(run))) throw new PerfNotebooksException("no run given: perfnb report RUN (an id from `perfnb runs`, or a run folder).");
            OutputPath.EnsureWritable(parse.GetValue(output), "--out");
            var record = RunStore.Load(parse.GetValue(run) ?? "", parse.GetValue(root) ?? RunStore.DefaultRoot);
            // What did not load (a damaged .hlog) is left out of the report, which says so, as does this line.
            foreach (var problem in record.Problems) Console.Error.WriteLine($"perfnb: warning: {problem}");
            var target = parse.GetValue(output);
            string path;
            try
            {
                path = HtmlReport.Write(record, target);
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
