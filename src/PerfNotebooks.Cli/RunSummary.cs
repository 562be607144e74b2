using System.Text;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Cli;

/// <summary>
/// The terminal summary that ends <c>perfnb compare</c> (and <c>perfnb report RUN --summary</c>): a table
/// per dimension (leader and runner-up, the ratio with its 95% interval, the outcome in words), then
/// the article's claims with their outcomes. It reads the run's <see cref="RunConclusions"/>, the same
/// object report.html, verdicts.csv and claims.csv are made from, and fits <see cref="Width"/> columns.
/// </summary>
internal static class RunSummary
{
    public const int Width = 100;
    private const string Indent = "  ";
    private const string Gap = "  ";

    public static string Render(RunConclusions conclusions, TerminalStyle style)
    {
        var sb = new StringBuilder();
        var verdicts = conclusions.Verdicts;
        sb.Append(style.Bold("Verdicts")).Append(style.Dim($" (ratio in the leader's favour, 95% interval; practically equal within {conclusions.Band})")).Append('\n');
        if (verdicts.Count == 0) sb.Append(Indent).Append("not enough stacks measured at a common condition for a verdict.\n");
        else AppendTables(sb, verdicts, style);

        sb.Append('\n').Append(style.Bold("The article's claims")).Append(style.Dim(" (judged against the smallest effect each needs)")).Append('\n');
        AppendClaims(sb, conclusions.Claims, style);
        AppendSpikes(sb, conclusions.Spikes, style);
        // No trailing blanks from padding: the text is the same whether or not a terminal shows it.
        return string.Join('\n', sb.ToString().Split('\n').Select(l => l.TrimEnd()));
    }

    /// <summary>A traffic spike, one line per stack: the p99 before and at worst, the recovery, what was served and failed from the spike on.</summary>
    private static void AppendSpikes(StringBuilder sb, IReadOnlyList<SpikeRow> rows, TerminalStyle style)
    {
        if (rows.Count == 0) return;
        // The profile can be long (a schedule, a spike with its length): its description wraps under the title.
        sb.Append('\n').Append(style.Bold("Traffic spike")).Append('\n');
        foreach (var line in Wrap($"{rows[0].Profile} on {rows[0].Endpoint}; recovery: until the p99 is back within 2x", Width - Indent.Length))
            sb.Append(Indent).Append(style.Dim(line)).Append('\n');
        var wStack = Math.Max(5, rows.Max(r => r.Stack.Length));
        sb.Append(style.Dim(Indent + Pad("stack", wStack) + Gap + Pad("p99 before", 11) + Gap + Pad("worst p99", 11) + Gap + Pad("served", 7) + Gap + Pad("failed", 7) + Gap + "recovery")).Append('\n');
        foreach (var r in rows)
            sb.Append(Indent).Append(Pad(r.Stack, wStack)).Append(Gap).Append(Pad(Numbers.Ms(r.BaselineP99Ms) + " ms", 11)).Append(Gap).Append(Pad(Numbers.Ms(r.WorstP99Ms) + " ms", 11))
              .Append(Gap).Append(Pad(Numbers.Share(r.ServedShare), 7)).Append(Gap).Append(Pad(Numbers.Share(r.ErrorShare), 7)).Append(Gap).Append(r.RecoveryText).Append('\n');
    }

    /// <summary>The outcome of a claim in words, as the summary prints it.</summary>
    public static string ClaimWords(ClaimOutcome outcome) => outcome switch
    {
        ClaimOutcome.Agrees => "agrees",
        ClaimOutcome.Disagrees => "disagrees",
        ClaimOutcome.CannotTell => "cannot tell",
        _ => "not measured",
    };

    private static void AppendTables(StringBuilder sb, IReadOnlyList<Verdict> verdicts, TerminalStyle style)
    {
        const string conditionHead = "condition", whoHead = "leader / runner-up", ratioHead = "ratio [95% interval]", outcomeHead = "outcome";
        var rows = verdicts.Select(v => (Verdict: v, Ratio: Numbers.RatioWithInterval(v.Ratio, v.RatioLow, v.RatioHigh), Outcome: OutcomeLines(v))).ToList();
        var wRatio = Math.Max(ratioHead.Length, rows.Max(r => r.Ratio.Length));
        var wOutcome = Math.Max(outcomeHead.Length, rows.Max(r => r.Outcome.Max(l => l.Length)));
        var wCondition = Math.Max(conditionHead.Length, rows.Max(r => r.Verdict.Condition.Length));
        var wWho = Math.Max(whoHead.Length, rows.Max(r => Math.Max(r.Verdict.Leader.Length, ("vs " + r.Verdict.RunnerUp).Length)));
        // Fit the width: give up characters of the condition, then of the names (cut with an ellipsis).
        int Total() => Indent.Length + wCondition + Gap.Length + wWho + Gap.Length + wRatio + Gap.Length + wOutcome;
        while (Total() > Width && (wCondition > 18 || wWho > 18))
        {
            if (wCondition >= wWho && wCondition > 18) wCondition--;
            else wWho--;
        }

        foreach (var group in rows.GroupBy(r => (r.Verdict.Dimension, r.Verdict.Measure)).OrderBy(g => Order(g.Key.Dimension)))
        {
            sb.Append('\n').Append(style.Bold(Cap(group.Key.Dimension))).Append(style.Dim($", {group.Key.Measure}")).Append('\n');
            sb.Append(style.Dim(Indent + Pad(conditionHead, wCondition) + Gap + Pad(whoHead, wWho) + Gap + Pad(ratioHead, wRatio) + Gap + outcomeHead)).Append('\n');
            foreach (var (v, ratio, outcome) in group)
            {
                var colour = v.Outcome switch
                {
                    VerdictOutcome.Lead => v.Note.Length > 0 ? (Func<string, string>)style.Yellow : style.Green,
                    VerdictOutcome.Equal => style.Cyan,
                    _ => style.Yellow,
                };
                sb.Append(Indent).Append(Pad(v.Condition, wCondition)).Append(Gap).Append(style.Bold(Pad(v.Leader, wWho))).Append(Gap)
                  .Append(Pad(ratio, wRatio)).Append(Gap).Append(colour(outcome[0])).Append('\n');
                sb.Append(Indent).Append(Pad("", wCondition)).Append(Gap).Append(Pad("vs " + v.RunnerUp, wWho));
                if (outcome.Count > 1) sb.Append(Gap).Append(Pad("", wRatio)).Append(Gap).Append(colour(outcome[1]));
                sb.Append('\n');
                if (v.Note.Length > 0)
                {
                    var lead = Indent + new string(' ', wCondition) + Gap;
                    foreach (var line in Wrap("note: " + v.Note, Width - lead.Length)) sb.Append(lead).Append(style.Yellow(line)).Append('\n');
                }
            }
        }
    }

    private static void AppendClaims(StringBuilder sb, IReadOnlyList<ClaimCheck> claims, TerminalStyle style)
    {
        const int wOutcome = 12;
        var lead = Indent + new string(' ', wOutcome) + Gap;
        foreach (var c in claims)
        {
            var words = ClaimWords(c.Outcome);
            var colour = c.Outcome switch
            {
                ClaimOutcome.Agrees => (Func<string, string>)style.Green,
                ClaimOutcome.Disagrees => style.Red,
                ClaimOutcome.CannotTell => style.Yellow,
                _ => style.Dim,
            };
            var claimLines = Wrap((c.Quote.Length > 0 ? $"[{c.Section}] " : "") + c.Claim, Width - lead.Length);
            sb.Append(Indent).Append(colour(Pad(words, wOutcome))).Append(Gap).Append(claimLines[0]).Append('\n');
            foreach (var line in claimLines.Skip(1)) sb.Append(lead).Append(line).Append('\n');
            var detail = c.Outcome == ClaimOutcome.NotMeasured
                ? c.Evidence
                : $"{Numbers.RatioWithInterval(c.Ratio, c.RatioLow, c.RatioHigh)}, needs at least {Numbers.Threshold(c.MinimumEffect)}" + MoreRepetitions(c.Evidence);
            foreach (var line in Wrap(detail, Width - lead.Length)) sb.Append(lead).Append(style.Dim(line)).Append('\n');
        }
    }

    /// <summary>The outcome in words, on one or two lines: "cannot tell yet" / "(~3 more reps)".</summary>
    private static IReadOnlyList<string> OutcomeLines(Verdict v)
    {
        var words = v.OutcomeWords();
        var open = words.IndexOf(" (", StringComparison.Ordinal);
        return open < 0 ? [words] : [words[..open], words[(open + 1)..]];
    }

    /// <summary>The claim evidence's "About N more repetitions ..." sentence, if any, for the one-line detail.</summary>
    private static string MoreRepetitions(string evidence)
    {
        var at = evidence.IndexOf(" About ", StringComparison.Ordinal);
        if (at < 0) return "";
        var end = evidence.IndexOf('.', at + 1);
        return "; " + char.ToLowerInvariant(evidence[at + 1]) + evidence[(at + 2)..(end < 0 ? evidence.Length : end)];
    }

    private static int Order(string dimension)
    {
        var i = Dimensions.All.ToList().IndexOf(dimension);
        return i < 0 ? int.MaxValue : i;
    }

    private static string Cap(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Pads to <paramref name="width"/>, or cuts with an ellipsis when longer.</summary>
    private static string Pad(string text, int width)
        => text.Length <= width ? text.PadRight(width) : text[..Math.Max(0, width - 1)] + "…";

    /// <summary>Word-wraps to <paramref name="width"/> columns (a word longer than that is cut).</summary>
    internal static IReadOnlyList<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var w = word.Length > width ? word[..(width - 1)] + "…" : word;
            if (line.Length > 0 && line.Length + 1 + w.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(w);
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line.ToString());
        return lines;
    }
}
