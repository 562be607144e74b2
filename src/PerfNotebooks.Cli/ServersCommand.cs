using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Cli;

/// <summary><c>perfnb servers [STACK...] [--json] [--stack-file FILE]</c>: the stack catalog and the user's own stacks (a stack
/// file's, marked "yours"), or the stacks named, each stack's defaults, and whether it runs here and why.</summary>
internal static class ServersCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the catalog as JSON." };
        var python = new Option<string>("--python") { Description = "Python interpreter to check (default /usr/bin/python3)." };
        var stacks = new Argument<string[]>("stacks") { Description = "Stacks to show; default: all.", Arity = ArgumentArity.ZeroOrMore };
        var stackFile = new Option<string?>("--stack-file") { Description = $"Your own stacks, from this file (default: {StackFile.DefaultName} here, if there is one)." };

        var command = new Command("servers", "List the stacks PerfNotebooks can start: app, server, default workers and threads, installed or not and why.");
        command.Options.Add(json);
        command.Options.Add(python);
        command.Options.Add(stackFile);
        command.Arguments.Add(stacks);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // The catalog, then the user's own stacks (marked "yours" in the listing); only those named, when names are
            // given (an unknown name is a one-line mistake with a "did you mean").
            IReadOnlyList<StackSpec> all = [.. StackCatalog.All, .. StackFile.LoadUserStacks(parse.GetValue(stackFile))];
            var names = parse.GetValue(stacks) ?? [];
            IReadOnlyList<StackSpec> specs = names.Length == 0 ? all
                : [.. names.Select(n => all.FirstOrDefault(s => s.Name.Equals(n, StringComparison.OrdinalIgnoreCase)) ?? StackCatalog.Get(n))];
            if (parse.GetValue(python) is { } interpreter) specs = [.. specs.Select(s => s with { Python = interpreter })];
            var installations = await StackInstallationCheck.CheckAllAsync(specs, cancellationToken);
            if (parse.GetValue(json)) PrintJson(specs, installations);
            else PrintTable(specs, installations);
            return 0;
        });
        return command;
    }

    private static string Threads(StackSpec spec) => spec.Threads?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string ServerName(StackSpec spec) => spec.WorkerClass is null ? spec.Server : $"{spec.Server} ({spec.WorkerClass})";

    private static void PrintTable(IReadOnlyList<StackSpec> specs, IReadOnlyList<StackInstallation> installations)
    {
        var rows = new List<string[]> { new[] { "NAME", "APP", "SERVER", "WORKERS", "THREADS", "WEBSOCKETS", "SOURCE", "INSTALLED" } };
        for (var i = 0; i < specs.Count; i++)
        {
            var s = specs[i];
            var inst = installations[i];
            rows.Add([
                s.Name, s.App, ServerName(s), s.Workers.ToString(CultureInfo.InvariantCulture), Threads(s), s.WebSockets ? "yes" : "-",
                s.Source is null ? "catalog" : "yours",
                (inst.Installed ? "yes: " : "no: ") + inst.Detail,
            ]);
        }
        var widths = Enumerable.Range(0, rows[0].Length - 1).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Take(widths.Length).Select((cell, c) => cell.PadRight(widths[c]));
            Console.WriteLine(string.Join("  ", cells) + "  " + row[^1]);
        }
        foreach (var file in specs.Select(s => s.Source).OfType<string>().Distinct())
            Console.WriteLine($"yours: from {file}");
    }

    private static void PrintJson(IReadOnlyList<StackSpec> specs, IReadOnlyList<StackInstallation> installations)
    {
        var items = specs.Select((s, i) => new
        {
            name = s.Name,
            app = s.App,
            server = s.Server,
            workerClass = s.WorkerClass,
            workers = s.Workers,
            threads = s.Threads,
            webSockets = s.WebSockets,
            python = s.Python,
            installed = installations[i].Installed,
            detail = installations[i].Detail,
            description = s.Description,
            source = s.Source ?? "catalog",
        });
        Console.WriteLine(JsonSerializer.Serialize(items, JsonOptions));
    }
}
