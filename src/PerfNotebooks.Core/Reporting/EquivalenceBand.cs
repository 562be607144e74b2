using System.Globalization;

namespace PerfNotebooks.Reporting;

/// <summary>
/// How close two results must be to count as practically equal: ±<see cref="Fraction"/> on the ratio
/// scale (5% by default: from 1/1.05 to 1.05). A lead must clear the band, not only 1.0: a 2% lead
/// that is real is still "practically equal".
/// </summary>
public sealed record EquivalenceBand
{
    /// <summary>A band of ±<paramref name="fraction"/> (0.05 = 5%) around a ratio of 1.</summary>
    public EquivalenceBand(double fraction)
    {
        if (!(fraction >= MinimumPercent / 100) || !(fraction <= MaximumPercent / 100))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"the band must be from {MinimumPercent}% to {MaximumPercent}%");
        Fraction = fraction;
    }

    /// <summary>The narrowest band accepted, in percent.</summary>
    public const double MinimumPercent = 0.5;
    /// <summary>The widest band accepted, in percent.</summary>
    public const double MaximumPercent = 50;

    /// <summary>The default band: 5%.</summary>
    public static EquivalenceBand Default { get; } = new(0.05);

    /// <summary>0.05 for ±5%.</summary>
    public double Fraction { get; }

    /// <summary>The ratio above which one side leads.</summary>
    public double Upper => 1 + Fraction;
    /// <summary>The ratio below which the other side leads.</summary>
    public double Lower => 1 / (1 + Fraction);
    /// <summary>Half the band's width on the log scale.</summary>
    public double LogHalfWidth => Math.Log(1 + Fraction);

    /// <summary>"±5%".</summary>
    public override string ToString() => "±" + (Fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// Parses a percentage as a front end takes it: "5", "5%" or "2.5%". Anything else is a
    /// <see cref="PerfNotebooksException"/> naming <paramref name="option"/> and what is accepted.
    /// </summary>
    public static EquivalenceBand Parse(string text, string option)
    {
        var accepted = $"a percentage from {MinimumPercent.ToString(CultureInfo.InvariantCulture)} to {MaximumPercent.ToString(CultureInfo.InvariantCulture)}, like 5%";
        var t = text.Trim();
        if (t.EndsWith('%')) t = t[..^1].TrimEnd();
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !double.IsFinite(percent))
            throw new PerfNotebooksException($"{option} '{text}' does not parse; give {accepted}.");
        if (percent < MinimumPercent || percent > MaximumPercent)
            throw new PerfNotebooksException($"{option} '{text}' is out of range; give {accepted}.");
        return new EquivalenceBand(percent / 100);
    }
}
