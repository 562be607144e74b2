namespace PerfNotebooks.Reporting;

/// <summary>
/// A over B on the ratio scale: the ratio of the geometric means of their repetitions and its 95%
/// confidence interval (Welch's t on the logarithms). <see cref="Low"/> and <see cref="High"/> are NaN
/// when the repetitions do not allow an interval (one repetition on both sides).
/// </summary>
public sealed record RatioInterval(
    double Ratio,
    double Low,
    double High,
    double StandardErrorLog,
    double DegreesOfFreedom,
    int RepetitionsA,
    int RepetitionsB,
    double LogVarianceA,
    double LogVarianceB)
{
    /// <summary>True when the interval exists (repetitions on both sides).</summary>
    public bool HasInterval => !double.IsNaN(Low) && !double.IsNaN(High);

    /// <summary>ln(A/B).</summary>
    public double LogRatio => Math.Log(Ratio);

    /// <summary>B over A: the same comparison seen from the other side.</summary>
    public RatioInterval Inverse() => this with
    {
        Ratio = 1 / Ratio,
        Low = 1 / High,
        High = 1 / Low,
        RepetitionsA = RepetitionsB,
        RepetitionsB = RepetitionsA,
        LogVarianceA = LogVarianceB,
        LogVarianceB = LogVarianceA,
    };
}
