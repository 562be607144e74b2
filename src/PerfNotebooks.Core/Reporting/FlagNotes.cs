using System.Globalization;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// What a condition's flags mean, in words a verdict or a claim can carry: "failed 12% of requests",
/// "its server died during 1 of 3 repetitions". Flags are read from the cells as they come, so a flag
/// this class does not know yet is still named, never dropped.
/// </summary>
public static class FlagNotes
{
    /// <summary>One phrase per flag the condition's repetitions carry; empty for a clean condition.</summary>
    public static IReadOnlyList<string> For(ConditionStats c)
    {
        var total = c.Cells.Count + c.Unusable.Count;
        var notes = new List<string>();
        foreach (var flag in c.Flags)
        {
            var of = $"{N(c.FlaggedRepetitions(flag))} of {N(total)} repetitions";
            notes.Add(flag switch
            {
                CellFlags.Errors => $"failed {Numbers.Share(c.MeanErrorRate)} of requests",
                CellFlags.ServerDied => $"its server died during {of}",
                CellFlags.WorkerDied => $"a worker of its server died during {of}",
                CellFlags.LoadFailed => $"its load run failed in {of}",
                CellFlags.ClientSaturated => $"the load generator, not the server, set the pace in {of} (its figure is a floor)",
                CellFlags.StartFailed => $"its server did not start in {of}",
                CellFlags.NoRequests => $"completed no request in {of}",
                CellFlags.RateMissed => $"missed its target rate in {of}",
                _ => $"was flagged '{flag}' in {of}",
            });
        }
        return notes;
    }

    /// <summary>"tornado failed 12% of requests; its server died during 1 of 3 repetitions", or "" when clean.</summary>
    public static string Sentence(ConditionStats c)
    {
        var notes = For(c);
        return notes.Count == 0 ? "" : $"{c.Label} {string.Join("; ", notes)}";
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
