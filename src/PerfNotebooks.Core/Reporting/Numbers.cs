using System.Globalization;

namespace PerfNotebooks.Reporting;

/// <summary>Every number a report prints, in invariant culture, with a precision that suits its size.</summary>
public static class Numbers
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Three significant figures at most, no exponent: 12300, 123, 12.3, 1.23, 0.123.</summary>
    public static string ThreeFigures(double value)
    {
        if (double.IsNaN(value)) return "n/a";
        if (double.IsInfinity(value)) return value > 0 ? "∞" : "-∞";
        var abs = Math.Abs(value);
        if (abs >= 100) return Math.Round(value).ToString("#,0", Inv);
        if (abs >= 10) return value.ToString("0.0", Inv);
        if (abs >= 1) return value.ToString("0.00", Inv);
        return value.ToString("0.###", Inv);
    }

    /// <summary>An estimate with its interval and <paramref name="unit"/>, e.g. "1,234 req/s [1,100, 1,350]".</summary>
    public static string Estimate(Estimate e, string unit = "")
        => e.HasInterval ? $"{ThreeFigures(e.Mean)} ± {ThreeFigures(e.HalfWidth)}{unit}" : $"{ThreeFigures(e.Mean)}{unit}";

    /// <summary>A ratio as "1.03x", "4.8x", "32x": two decimals near 1 where they matter, fewer above.</summary>
    public static string Times(double r)
    {
        if (double.IsNaN(r)) return "n/a";
        if (double.IsInfinity(r)) return "∞";
        if (r < 1.995) return r.ToString("0.00", Inv) + "x";
        if (r < 9.95) return r.ToString("0.0", Inv) + "x";
        return Math.Round(r).ToString("#,0", Inv) + "x";
    }

    /// <summary>A threshold as "1.2x", "1.5x", "2x": no trailing zeros.</summary>
    public static string Threshold(double r) => double.IsNaN(r) ? "n/a" : r.ToString("0.##", Inv) + "x";

    /// <summary>"4.8x [3.1x, 7.4x]"; without an interval (NaN ends), "4.8x [no interval]".</summary>
    public static string RatioWithInterval(double ratio, double low, double high)
        => double.IsNaN(low) || double.IsNaN(high) ? $"{Times(ratio)} [no interval]" : $"{Times(ratio)} [{Times(low)}, {Times(high)}]";

    /// <summary>A share (0.123) as a percentage to one decimal with its sign: "12.3%".</summary>
    public static string Share(double share) => double.IsNaN(share) ? "n/a" : Percent(share * 100) + "%";

    /// <summary>A whole number with thousands separators, invariant culture.</summary>
    public static string Whole(long value) => value.ToString("#,0", Inv);

    /// <summary>Requests per second as people read them: a whole number with thousands separators, 12,345.</summary>
    public static string Rps(double value) => double.IsFinite(value) ? Math.Round(value).ToString("#,0", Inv) : ThreeFigures(value);

    /// <summary>Milliseconds to 3 significant digits: 1,536, 119, 16.4, 5.31, 0.982, 0.0451.</summary>
    public static string Ms(double value) => Significant(value, 3);

    /// <summary>A percentage (already times 100) to one decimal: 86.7.</summary>
    public static string Percent(double value) => double.IsFinite(value) ? value.ToString("0.0", Inv) : ThreeFigures(value);

    /// <summary><paramref name="digits"/> significant digits, thousands separated, no exponent.</summary>
    public static string Significant(double value, int digits)
    {
        if (!double.IsFinite(value)) return ThreeFigures(value);
        if (value == 0) return "0";
        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var decimals = Math.Max(0, digits - 1 - magnitude);
        var rounded = Math.Round(value, Math.Min(decimals, 15), MidpointRounding.AwayFromZero);
        // Rounding can carry into the next power of ten (9.996 -> 10.00): one decimal fewer then.
        if (rounded != 0 && (int)Math.Floor(Math.Log10(Math.Abs(rounded))) > magnitude) decimals = Math.Max(0, decimals - 1);
        if (decimals == 0) return Math.Round(value, MidpointRounding.AwayFromZero).ToString("#,0", Inv);
        return rounded.ToString("#,0." + new string('0', decimals), Inv);
    }

}

/// <summary>A load level with its unit, printed as "32 connections" or "500 req/s".</summary>
public readonly record struct LoadModelLevel(Experiments.LoadModel Model, double Value)
{
    /// <inheritdoc />
    public override string ToString() => Model == Experiments.LoadModel.ConstantRate
        ? $"{Value.ToString("0.###", CultureInfo.InvariantCulture)} req/s"
        : Value == 1 ? "1 connection" : $"{Value.ToString("0", CultureInfo.InvariantCulture)} connections";
}
