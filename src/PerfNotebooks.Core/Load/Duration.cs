using System.Globalization;

namespace PerfNotebooks.Load;

/// <summary>
/// Parses and prints durations the way load tools spell them: <c>500ms</c>, <c>10s</c>, <c>2m</c>,
/// <c>1h</c>, <c>1.5s</c>; a bare number means seconds. One parser for the CLI and the notebook so
/// both accept exactly the same spellings.
/// </summary>
public static class Duration
{
    /// <summary>What the error message says is accepted.</summary>
    public const string AcceptedForms = "a number with a unit: 500ms, 10s, 2m, 1h (a bare number means seconds)";

    /// <summary>Parses 500ms, 10s, 2m, 1h (a bare number is seconds); false for anything else.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim().ToLowerInvariant();
        (string unit, double scale)[] units = [("ms", 0.001), ("us", 0.000001), ("s", 1), ("m", 60), ("h", 3600)];
        double factor = 1;
        foreach (var (unit, scale) in units)
        {
            if (s.EndsWith(unit, StringComparison.Ordinal) && (unit != "s" || !s.EndsWith("ms", StringComparison.Ordinal)))
            {
                s = s[..^unit.Length];
                factor = scale;
                break;
            }
        }
        if (!double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return false;
        if (double.IsNaN(number) || double.IsInfinity(number) || number < 0) return false;
        var seconds = number * factor;
        if (seconds > TimeSpan.MaxValue.TotalSeconds / 2) return false;
        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>Parses or throws a <see cref="PerfNotebooksException"/> naming the option and the accepted forms.</summary>
    public static TimeSpan Parse(string? text, string what = "duration")
    {
        if (TryParse(text, out var value)) return value;
        throw new PerfNotebooksException($"{what} '{text}' is not a duration; use {AcceptedForms}.");
    }

    /// <summary>Shortest exact spelling: 500ms, 10s, 2m.</summary>
    public static string Format(TimeSpan value)
    {
        if (value.Ticks % TimeSpan.TicksPerSecond != 0) return ((long)Math.Round(value.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";
        var seconds = (long)value.TotalSeconds;
        if (seconds != 0 && seconds % 3600 == 0) return (seconds / 3600).ToString(CultureInfo.InvariantCulture) + "h";
        if (seconds != 0 && seconds % 60 == 0) return (seconds / 60).ToString(CultureInfo.InvariantCulture) + "m";
        return seconds.ToString(CultureInfo.InvariantCulture) + "s";
    }
}
