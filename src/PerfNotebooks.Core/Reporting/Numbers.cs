using System.Globalization;

namespace PerfNotebooks.Reporting;

/// <summary>Every number a report prints, in invariant culture, with a precision that suits its size.</summary>
public static class Numbers
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Three significant figures at most, no exponent: 12300, 123, 12.3, 1.23, 0.123.</summary>
    public static string Short(double value)
    {
        if (double.IsNaN(value)) return "n/a";
        if (double.IsInfinity(value)) return value > 0 ? "∞" : "-∞";
        var abs = Math.Abs(value);
        if (abs >= 100) return Math.Round(value).ToString("#,0", Inv);
        if (abs >= 10) return value.ToString("0.0", Inv);
        if (abs >= 1) return value.ToString("0.00", Inv);
        return value.ToString("0.###", Inv);
    }

    public static string Estimate(Estimate e, string unit = "")
        => e.HasInterval ? $"{Short(e.Mean)} ± {Short(e.HalfWidth)}{unit}" : $"{Short(e.Mean)}{unit}";

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

    /// <summary>A share as a percentage: 0.123 → "12%", 0.0123 → "1.2%".</summary>
    public static string Percent(double share)
    {
        if (double.IsNaN(share)) return "n/a";
        var p = share * 100;
        return (p >= 9.95 ? p.ToString("0", Inv) : p.ToString("0.#", Inv)) + "%";
    }

    public static string Int(long value) => value.ToString("#,0", Inv);

}

/// <summary>A load level with its unit, printed as "32 connections" or "500 req/s".</summary>
public readonly record struct LoadModelLevel(Experiments.LoadModel Model, double Value)
{
    public override string ToString() => Model == Experiments.LoadModel.ConstantRate
        ? $"{Value.ToString("0.###", CultureInfo.InvariantCulture)} req/s"
        : Value == 1 ? "1 connection" : $"{Value.ToString("0", CultureInfo.InvariantCulture)} connections";
}
