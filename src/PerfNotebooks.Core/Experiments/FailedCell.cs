using System.Globalization;
using PerfNotebooks.Metrics;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Words and stored form of a cell that failed. The note's first line is the reason, one line naming the
/// stack and the cause (what a front end prints per failed cell); the lines after it are the details (the
/// server's last output).
/// </summary>
internal static class FailedCell
{
    /// <summary>A cell without a measurement: its server did not start, or its load run failed.</summary>
    public static CellResult Create(PlanCell cell, string flag, string note) => new()
    {
        Cell = cell,
        StartedAt = DateTimeOffset.UtcNow,
        Summary = new LoadSummary(0, 0, 0, new LatencyPercentiles(0, 0, 0, 0, 0, 0, 0), 0),
        Errors = ErrorCounts.None,
        Client = new ClientAudit(0, 0, 0, false, null),
        Server = ServerUsage.None,
        Flags = [flag],
        Note = note,
    };

    /// <summary>The note of a cell whose server would not start or whose load run failed.</summary>
    public static string NoteFor(PlanCell cell, PerfNotebooksException e)
    {
        if (e is ServerStartException start) return start.Summary + "\n" + e.Message;
        var message = OneLine(e.Message);
        var stack = $"stack {cell.Stack.Name}";
        return message.StartsWith(stack, StringComparison.Ordinal) ? message : $"{stack}: {message}";
    }

    /// <summary><c>stack NAME: CAUSE</c>, then the details on the following lines.</summary>
    public static string Note(PlanCell cell, string cause, string details = "")
        => $"stack {cell.Stack.Name}: {OneLine(cause)}" + (details.Length == 0 ? "" : "\n" + details);

    /// <summary>Why the leading process ended, when known: " (exit code 137: signal 9)".</summary>
    public static string ExitText(int? code) => code switch
    {
        null => "",
        > 128 and < 160 => string.Create(CultureInfo.InvariantCulture, $" (exit code {code}: signal {code - 128})"),
        _ => string.Create(CultureInfo.InvariantCulture, $" (exit code {code})"),
    };

    /// <summary>" (120 connect, 3 timeout)": the error classes that were seen.</summary>
    public static string ErrorText(ErrorCounts e)
    {
        var parts = new List<string>();
        void Add(long n, string what) { if (n > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{n} {what}")); }
        Add(e.Connect, "connect");
        Add(e.Read, "read");
        Add(e.Write, "write");
        Add(e.Timeout, "timeout");
        Add(e.Protocol, "protocol");
        foreach (var (code, n) in e.Status.OrderBy(kv => kv.Key)) Add(n, $"status {code.ToString(CultureInfo.InvariantCulture)}");
        return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)} errors)";
    }

    /// <summary>
    /// The server's last line about one of <paramref name="pids"/> ending (e.g. gunicorn's "Worker with pid 1515 was
    /// terminated due to signal 9"), without its log prefix; null when it said nothing of the kind.
    /// </summary>
    public static string? ServerLineAbout(IReadOnlyList<string> lines, IReadOnlyList<int> pids)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            var line = lines[i];
            var ending = line.Contains("signal", StringComparison.OrdinalIgnoreCase) || line.Contains("exit", StringComparison.OrdinalIgnoreCase)
                         || line.Contains("terminated", StringComparison.OrdinalIgnoreCase) || line.Contains("killed", StringComparison.OrdinalIgnoreCase)
                         || line.Contains("died", StringComparison.OrdinalIgnoreCase);
            if (!ending) continue;
            foreach (var pid in pids)
            {
                if (System.Text.RegularExpressions.Regex.IsMatch(line, $@"\b{pid.ToString(CultureInfo.InvariantCulture)}\b"))
                {
                    // "[2026-12-01 22:51:42 +0000] [1506] [WARNING] Worker ..." -> "Worker ..."
                    var text = System.Text.RegularExpressions.Regex.Replace(line, @"^(\s*\[[^\]]*\]\s*)+", "");
                    return OneLine(text.Length > 300 ? text[..300] + "..." : text);
                }
            }
        }
        return null;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
