using System.Globalization;
using System.Text;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// verdicts.csv and claims.csv: the run's conclusions for write-ups and CI gates, written atomically
/// beside results.csv and read back exactly (doubles round-trip; an interval that does not exist is
/// an empty field).
/// </summary>
public static class ConclusionFiles
{
    /// <summary>The columns of verdicts.csv.</summary>
    public static IReadOnlyList<string> VerdictColumns { get; } =
    [
        "dimension", "condition", "leader", "runner_up", "ratio", "ratio_low", "ratio_high", "outcome", "note",
        "measure", "leader_value", "runner_up_value", "more_repetitions", "band",
    ];

    /// <summary>The columns of claims.csv.</summary>
    public static IReadOnlyList<string> ClaimColumns { get; } = ["claim", "outcome", "evidence", "minimum_effect", "ratio", "ratio_low", "ratio_high", "quote", "section"];

    /// <summary>Claim columns added after the first stored runs: a claims.csv without them still reads (as empty).</summary>
    public static IReadOnlyList<string> LaterClaimColumns { get; } = ["quote", "section"];

    /// <summary>Writes verdicts.csv and claims.csv into <paramref name="runDirectory"/>, each atomically.</summary>
    public static void Write(string runDirectory, RunConclusions conclusions)
    {
        AtomicFile.WriteAllText(Path.Combine(runDirectory, RunFiles.Verdicts), VerdictsCsv(conclusions.Verdicts));
        AtomicFile.WriteAllText(Path.Combine(runDirectory, RunFiles.Claims), ClaimsCsv(conclusions.Claims));
    }

    /// <summary>verdicts.csv's text.</summary>
    public static string VerdictsCsv(IReadOnlyList<Verdict> verdicts)
    {
        var sb = new StringBuilder(Csv.Line(VerdictColumns));
        foreach (var v in verdicts)
            sb.Append(Csv.Line(
            [
                Csv.Field(v.Dimension), Csv.Field(v.Condition), Csv.Field(v.Leader), Csv.Field(v.RunnerUp),
                Number(v.Ratio), Number(v.RatioLow), Number(v.RatioHigh), OutcomeText(v.Outcome), Csv.Field(v.Note),
                Csv.Field(v.Measure), Csv.Field(v.LeaderValue), Csv.Field(v.RunnerUpValue),
                v.MoreRepetitions is { } more ? Csv.Field(more) : "", Number(v.Band),
            ]));
        return sb.ToString();
    }

    /// <summary>claims.csv's text.</summary>
    public static string ClaimsCsv(IReadOnlyList<ClaimCheck> claims)
    {
        var sb = new StringBuilder(Csv.Line(ClaimColumns));
        foreach (var c in claims)
            sb.Append(Csv.Line([Csv.Field(c.Claim), OutcomeText(c.Outcome), Csv.Field(c.Evidence), Number(c.MinimumEffect), Number(c.Ratio), Number(c.RatioLow), Number(c.RatioHigh), Csv.Field(c.Quote), Csv.Field(c.Section)]));
        return sb.ToString();
    }

    /// <summary>Reads verdicts.csv of a run folder; a malformed file is a <see cref="FormatException"/> naming the row and column.</summary>
    public static IReadOnlyList<Verdict> ReadVerdicts(string runDirectory)
    {
        var t = CsvTable.Read(Path.Combine(runDirectory, RunFiles.Verdicts), VerdictColumns);
        var verdicts = new List<Verdict>(t.Count);
        for (var i = 0; i < t.Count; i++)
        {
            verdicts.Add(new Verdict
            {
                Dimension = t.Text(i, "dimension"),
                Condition = t.Text(i, "condition"),
                Leader = t.Text(i, "leader"),
                RunnerUp = t.Text(i, "runner_up"),
                Ratio = Double(t, i, "ratio"),
                RatioLow = Double(t, i, "ratio_low"),
                RatioHigh = Double(t, i, "ratio_high"),
                Outcome = VerdictOutcomeOf(t.Text(i, "outcome"), i),
                Note = t.Text(i, "note"),
                Measure = t.Text(i, "measure"),
                LeaderValue = t.Text(i, "leader_value"),
                RunnerUpValue = t.Text(i, "runner_up_value"),
                MoreRepetitions = t.Text(i, "more_repetitions").Length == 0 ? null : t.Int(i, "more_repetitions"),
                Band = Double(t, i, "band"),
            });
        }
        return verdicts;
    }

    /// <summary>Reads claims.csv of a run folder.</summary>
    public static IReadOnlyList<ClaimCheck> ReadClaims(string runDirectory)
    {
        var t = CsvTable.Read(Path.Combine(runDirectory, RunFiles.Claims), ClaimColumns.Except(LaterClaimColumns).ToList());
        var claims = new List<ClaimCheck>(t.Count);
        for (var i = 0; i < t.Count; i++)
        {
            claims.Add(new ClaimCheck(t.Text(i, "claim"), ClaimOutcomeOf(t.Text(i, "outcome"), i), t.Text(i, "evidence"))
            {
                MinimumEffect = Double(t, i, "minimum_effect"),
                Ratio = Double(t, i, "ratio"),
                RatioLow = Double(t, i, "ratio_low"),
                RatioHigh = Double(t, i, "ratio_high"),
                Quote = t.Has("quote") ? t.Text(i, "quote") : "",
                Section = t.Has("section") ? t.Text(i, "section") : "",
            });
        }
        return claims;
    }

    /// <summary>lead, equal, cannot_tell.</summary>
    public static string OutcomeText(VerdictOutcome outcome) => outcome switch
    {
        VerdictOutcome.Lead => "lead",
        VerdictOutcome.Equal => "equal",
        _ => "cannot_tell",
    };

    /// <summary>agrees, disagrees, cannot_tell, not_measured.</summary>
    public static string OutcomeText(ClaimOutcome outcome) => outcome switch
    {
        ClaimOutcome.Agrees => "agrees",
        ClaimOutcome.Disagrees => "disagrees",
        ClaimOutcome.CannotTell => "cannot_tell",
        _ => "not_measured",
    };

    private static VerdictOutcome VerdictOutcomeOf(string text, int row) => text switch
    {
        "lead" => VerdictOutcome.Lead,
        "equal" => VerdictOutcome.Equal,
        "cannot_tell" => VerdictOutcome.CannotTell,
        _ => throw new FormatException($"{RunFiles.Verdicts} row {(row + 2).ToString(CultureInfo.InvariantCulture)}: outcome '{text}' is not lead, equal or cannot_tell"),
    };

    private static ClaimOutcome ClaimOutcomeOf(string text, int row) => text switch
    {
        "agrees" => ClaimOutcome.Agrees,
        "disagrees" => ClaimOutcome.Disagrees,
        "cannot_tell" => ClaimOutcome.CannotTell,
        "not_measured" => ClaimOutcome.NotMeasured,
        _ => throw new FormatException($"{RunFiles.Claims} row {(row + 2).ToString(CultureInfo.InvariantCulture)}: outcome '{text}' is not agrees, disagrees, cannot_tell or not_measured"),
    };

    private static string Number(double value) => double.IsNaN(value) ? "" : Csv.Field(value);

    private static double Double(CsvTable t, int row, string column) => t.Text(row, column).Length == 0 ? double.NaN : t.Double(row, column);
}
