namespace PerfNotebooks.Reporting;

/// <summary>What the measurements say about a claim.</summary>
public enum ClaimOutcome
{
    /// <summary>The data agree, beyond the run-to-run noise.</summary>
    Agrees,

    /// <summary>The data contradict it, beyond the run-to-run noise.</summary>
    Disagrees,

    /// <summary>Measured, but the difference is within the noise (or one repetition only).</summary>
    CannotTell,

    /// <summary>The run lacks the stacks, endpoints or levels the claim needs.</summary>
    NotMeasured,
}
