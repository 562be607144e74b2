namespace PerfNotebooks.Reporting;

/// <summary>What the measurements say about a claim (claims.csv: agrees, disagrees, cannot_tell, not_measured).</summary>
public enum ClaimOutcome
{
    /// <summary>The whole 95% interval of the ratio lies at or above the claim's minimum effect.</summary>
    Agrees,

    /// <summary>The whole interval lies below the minimum effect: an effect of the claimed size is ruled out.</summary>
    Disagrees,

    /// <summary>The interval straddles the minimum effect (or one repetition only).</summary>
    CannotTell,

    /// <summary>The run lacks the stacks, endpoints or levels the claim needs.</summary>
    NotMeasured,
}
