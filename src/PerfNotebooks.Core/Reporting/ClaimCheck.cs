namespace PerfNotebooks.Reporting;

/// <summary>
/// One claim of the classic article, checked against the run (a row of claims.csv): the article's sentence
/// (<see cref="Quote"/>), the testable statement it was read as (<see cref="Claim"/>), the outcome, the
/// numbers behind it (or, when not measured, why), the smallest effect the claim needs (1.2 = "better" means
/// at least 1.2 times), and the ratio the data show with its 95% interval (NaN when not measured).
/// </summary>
public sealed record ClaimCheck(string Claim, ClaimOutcome Outcome, string Evidence)
{
    /// <summary>The article's sentence, quoted ("..." where the article's words are left out); empty for a claim the toolkit adds.</summary>
    public string Quote { get; init; } = "";

    /// <summary>Where the article makes it: its section ("Django", "Throughput", "Resource utilization", ...), or "toolkit" for a claim the toolkit adds.</summary>
    public string Section { get; init; } = "";

    /// <summary>The smallest ratio that would bear the claim out, e.g. 1.2 for "better".</summary>
    public double MinimumEffect { get; init; } = double.NaN;

    /// <summary>The ratio the data show (NaN: not measured).</summary>
    public double Ratio { get; init; } = double.NaN;
    /// <summary>Low end of its 95% interval.</summary>
    public double RatioLow { get; init; } = double.NaN;
    /// <summary>High end of its 95% interval.</summary>
    public double RatioHigh { get; init; } = double.NaN;
}
