namespace PerfNotebooks.Reporting;

/// <summary>
/// The few statistics a comparison needs, computed once from the stored repetitions: mean and 95%
/// confidence interval (Student t), and Welch's t-test for "can these two be told apart".
/// </summary>
public static class Statistics
{
    public const double Alpha = 0.05;

    // Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom.
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>The t value with 2.5% in the upper tail for <paramref name="degreesOfFreedom"/>.</summary>
    public static double TQuantile975(double degreesOfFreedom)
    {
        if (degreesOfFreedom < 1) return double.PositiveInfinity;
        if (degreesOfFreedom <= 30) return T975[(int)Math.Floor(degreesOfFreedom) - 1];
        return 1.959964 + 2.4 / degreesOfFreedom; // close to the table's tail, within 0.005 from 30 on
    }

    public static Estimate MeanInterval(IReadOnlyList<double> values)
    {
        var n = values.Count;
        if (n == 0) return new Estimate(0, 0, 0, 0, 0);
        var mean = values.Average();
        if (n == 1) return new Estimate(mean, mean, mean, 0, 1);
        var sd = StdDev(values, mean);
        var half = TQuantile975(n - 1) * sd / Math.Sqrt(n);
        return new Estimate(mean, mean - half, mean + half, sd, n);
    }

    /// <summary>Welch's t-test of A against B (two-sided).</summary>
    public static Comparison Compare(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var ea = MeanInterval(a);
        var eb = MeanInterval(b);
        var overlap = ea.Low <= eb.High && eb.Low <= ea.High;
        if (a.Count < 2 || b.Count < 2) return new Comparison(ea.Mean, eb.Mean, double.NaN, overlap, false);
        var va = ea.StdDev * ea.StdDev / a.Count;
        var vb = eb.StdDev * eb.StdDev / b.Count;
        double p;
        if (va + vb == 0) p = ea.Mean == eb.Mean ? 1 : 0;
        else
        {
            var t = (ea.Mean - eb.Mean) / Math.Sqrt(va + vb);
            var df = (va + vb) * (va + vb) / (va * va / (a.Count - 1) + vb * vb / (b.Count - 1));
            p = TwoSidedP(t, df);
        }
        return new Comparison(ea.Mean, eb.Mean, p, overlap, p < Alpha);
    }

    /// <summary>P(|T| &gt; |t|) for Student's t with <paramref name="df"/> degrees of freedom.</summary>
    public static double TwoSidedP(double t, double df)
    {
        if (double.IsInfinity(t)) return 0;
        var x = df / (df + t * t);
        return Math.Clamp(RegularizedIncompleteBeta(df / 2, 0.5, x), 0, 1);
    }

    private static double StdDev(IReadOnlyList<double> values, double mean)
    {
        var sum = 0.0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / (values.Count - 1));
    }

    // I_x(a, b) by the continued fraction (Numerical Recipes, betai/betacf).
    private static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaContinuedFraction(a, b, x) / a
            : 1 - front * BetaContinuedFraction(b, a, 1 - x) / b;
    }

    private static double BetaContinuedFraction(double a, double b, double x)
    {
        const double tiny = 1e-300;
        double qab = a + b, qap = a + 1, qam = a - 1, c = 1, d = 1 - qab * x / qap;
        if (Math.Abs(d) < tiny) d = tiny;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 300; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d; if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d; h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d; if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-12) break;
        }
        return h;
    }

    private static double LogGamma(double x)
    {
        // Lanczos approximation (g = 7, n = 9).
        double[] g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var sum = g[0];
        for (var i = 1; i < 9; i++) sum += g[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
