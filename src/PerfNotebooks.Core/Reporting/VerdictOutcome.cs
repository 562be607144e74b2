namespace PerfNotebooks.Reporting;

/// <summary>What a comparison of two conditions concludes (written to verdicts.csv as lead, equal, cannot_tell).</summary>
public enum VerdictOutcome
{
    /// <summary>The ratio's 95% interval lies wholly beyond the equivalence band: one leads.</summary>
    Lead,

    /// <summary>The interval lies wholly inside the band: practically equal.</summary>
    Equal,

    /// <summary>The interval straddles an edge of the band (or there are too few repetitions for one): cannot tell yet.</summary>
    CannotTell,
}
