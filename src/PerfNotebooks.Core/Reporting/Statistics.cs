using MathNet.Numerics.Distributions;

namespace PerfNotebooks.Reporting;

/// <summary>
/// Descriptive statistics over a condition's repetitions: the arithmetic mean with its 95% Student-t
/// confidence interval (the "± x" of the tables) and the coefficient of variation. Comparisons between
/// conditions are made on the ratio scale by <see cref="RatioStatistics"/>, not here.
/// </summary>
public static class Statistics
{
    /// <summary>Confidence of every interval the toolkit prints.</summary>
    public const double Confidence = 0.95;

    /// <summary>The t value with (1 − <see cref="Confidence"/>)/2 in the upper tail (12.71 for 1 degree of freedom, 1.96 in the limit).</summary>
    public static double TQuantile(double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0)) return double.PositiveInfinity;
        if (double.IsPositiveInfinity(degreesOfFreedom) || degreesOfFreedom > 1e7) return Normal.InvCDF(0, 1, 1 - (1 - Confidence) / 2);
        return StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - (1 - Confidence) / 2);
    }

    /// <summary>The mean of <paramref name="values"/> and its 95% interval (Student's t).</summary>
    public static Estimate MeanInterval(IReadOnlyList<double> values)
    {
        var n = values.Count;
        if (n == 0) return new Estimate(0, 0, 0, 0, 0);
        var mean = values.Average();
        if (n == 1) return new Estimate(mean, mean, mean, 0, 1);
        var sd = StdDev(values, mean);
        var half = TQuantile(n - 1) * sd / Math.Sqrt(n);
        return new Estimate(mean, mean - half, mean + half, sd, n);
    }

    /// <summary>
    /// Standard deviation over mean of the repetitions (0.1 = the repetitions typically differ by about 10%);
    /// NaN with fewer than two values or a mean of zero.
    /// </summary>
    public static double CoefficientOfVariation(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return double.NaN;
        var mean = values.Average();
        return mean == 0 ? double.NaN : StdDev(values, mean) / Math.Abs(mean);
    }

    internal static double StdDev(IReadOnlyList<double> values, double mean)
    {
        var sum = 0.0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / (values.Count - 1));
    }
}
