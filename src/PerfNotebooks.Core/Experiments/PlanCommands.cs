using System.Globalization;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>
/// What a plan would run beyond the catalog's own command lines: user-defined commands
/// (<see cref="StackSpec.Command"/>) and whatever changes what a catalog stack runs (another interpreter,
/// extra arguments, environment variables, a working directory). A run folder can come from elsewhere and its
/// run.json can hold any of these, so a front end shows them and asks before resuming such a run.
/// </summary>
public static class PlanCommands
{
    /// <summary>One line per stack of <paramref name="plan"/> that runs something of its own, e.g.
    /// <c>stack my-app runs: /usr/bin/python3 -m gunicorn -b {host}:{port} app:app (in /srv/app)</c>; empty when it runs only the catalog's.</summary>
    public static IReadOnlyList<string> NeedingTrust(ExperimentPlan plan)
    {
        var lines = new List<string>();
        foreach (var stack in plan.Matrices.SelectMany(m => m.Stacks))
        {
            var line = Describe(stack);
            if (line is not null && !lines.Contains(line, StringComparer.Ordinal)) lines.Add(line);
        }
        return lines;
    }

    private static string? Describe(StackSpec stack)
    {
        var own = new List<string>();
        var defaults = new StackSpec { Name = stack.Name, App = stack.App, Server = stack.Server };
        if (stack.Command is { } command)
            own.Add("runs: " + Quote(command.Select(a => a.Replace("{python}", stack.Python, StringComparison.Ordinal))));
        else if (stack.Python != defaults.Python)
            own.Add($"runs the interpreter {Quote([stack.Python])}");
        if (stack.ExtraArgs.Count > 0) own.Add("with extra arguments " + Quote(stack.ExtraArgs));
        if (stack.Environment.Count > 0)
            own.Add("with environment " + string.Join(" ", stack.Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Quote([$"{kv.Key}={kv.Value}"]))));
        if (stack.WorkingDirectory is { } directory) own.Add($"in {Quote([directory])}");
        return own.Count == 0 ? null : $"stack {Visible(stack.Name)} {string.Join(", ", own)}";
    }

    /// <summary>Arguments as a shell would need them, so what is shown is what runs; control characters (which could
    /// rewrite the terminal line that shows them) are shown as <c>\xNN</c>.</summary>
    private static string Quote(IEnumerable<string> args) => string.Join(" ", args.Select(a =>
        a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@%+,{}".Contains(c)) ? a : "'" + Visible(a).Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    private static string Visible(string text) => string.Concat(text.Select(c =>
        char.IsControl(c) || c is '\u2028' or '\u2029' ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}") : c.ToString()));
}
