using PerfNotebooks.Experiments;
using Spectre.Console;

namespace PerfNotebooks.Cli;

/// <summary>
/// Before <c>perfnb compare --resume</c> runs a run folder that came from elsewhere: the commands its plan holds
/// beyond the catalog's (<see cref="PlanCommands"/>) are printed, and run only with <c>--trust</c> or, on a
/// terminal, a typed yes. Without either, nothing starts (exit 2).
/// </summary>
internal static class ResumeTrust
{
    public static void Confirm(ExperimentPlan plan, string run, bool trusted)
    {
        var commands = PlanCommands.NeedingTrust(plan);
        if (commands.Count == 0) return;
        var writer = trusted ? Console.Out : Console.Error;
        writer.WriteLine($"perfnb: run {run} holds commands of its own, which resuming it runs:");
        foreach (var line in commands) writer.WriteLine("  " + line);
        if (trusted) return;
        if (CanAsk)
        {
            Console.Error.Write("Run them? [y/N] ");
            var answer = Console.In.ReadLine()?.Trim();
            if (answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase))) return;
            throw new PerfNotebooksException($"not resumed: run {run}'s commands were not confirmed; nothing ran.");
        }
        throw new PerfNotebooksException($"run {run} holds commands of its own (above), which --resume runs only with --trust; check them, then add --trust.");
    }

    /// <summary>A person at a terminal can answer: stdin and stderr are both a terminal.</summary>
    private static bool CanAsk => !Console.IsInputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}
