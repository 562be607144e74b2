using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Cli;

/// <summary><c>perfnb runs [--runs DIR] [--json]</c>: lists the stored runs, newest first; a folder that is not a whole run is
/// one warning line on stderr, and the rest are listed (exit 0).</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var root = new Option<string>("--runs", "--out") { Description = "Folder that holds the run folders (default data/runs).", DefaultValueFactory = _ => RunStore.DefaultRoot };
        var json = new Option<bool>("--json") { Description = "Print a JSON array." };
        var command = new Command("runs", "List stored runs: id, plan, status, cells measured, report.") { root, json };
        command.SetAction(parse =>
        {
            var scan = RunStore.Scan(parse.GetValue(root) ?? RunStore.DefaultRoot);
            // One line per folder that is not a whole run; the good runs are listed all the same.
            foreach (var line in scan.Unreadable) Console.Error.WriteLine($"perfnb: warning: skipped {line}");
            var runs = scan.Runs;
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(runs, RunJson.Options));
                return 0;
            }
            if (runs.Count == 0)
            {
                Console.Out.WriteLine($"no runs under {parse.GetValue(root)}; make one with `perfnb compare`.");
                return 0;
            }
            var idWidth = Math.Max(2, runs.Max(r => r.Id.Length));
            Console.Out.WriteLine($"{"id".PadRight(idWidth)}  {"plan",-8} {"status",-11} {"cells",9}  {"started (UTC)",-19}  report");
            foreach (var r in runs)
            {
                var cells = string.Create(CultureInfo.InvariantCulture, $"{r.CellsDone}/{r.CellsPlanned}");
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Id.PadRight(idWidth)}  {r.Plan,-8} {r.Status.ToString().ToLowerInvariant(),-11} {cells,9}  {r.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {(r.HasReport ? Path.Combine(r.Directory, RunFiles.Report) : "-")}"));
            }
            return 0;
        });
        return command;
    }
}
