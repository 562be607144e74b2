namespace PerfNotebooks.Reporting;

/// <summary>
/// A mean over repetitions with its 95% confidence interval (Student t). With one repetition the
/// interval is unknown (<see cref="Low"/> = <see cref="High"/> = NaN is avoided: both equal the mean,
/// and <see cref="HasInterval"/> is false).
/// </summary>
public sealed record Estimate(double Mean, double Low, double High, double StdDev, int N)
{
    /// <summary>True when there is an interval (two or more values).</summary>
    public bool HasInterval => N >= 2;

    /// <summary>Half the interval's width: the ± a person reads.</summary>
    public double HalfWidth => (High - Low) / 2;

    /// <summary>The mean of <paramref name="values"/> with its 95% interval.</summary>
    public static Estimate Of(IReadOnlyList<double> values) => Statistics.MeanInterval(values);
}
