namespace PerfNotebooks.Reporting;

/// <summary>
/// One condition's repetitions of one measure, ready for a comparison on the ratio scale: the natural
/// logarithm of each repetition's value (a repetition is one server start and one timed load), and
/// the least variance a repetition's value can have given the noise seen <i>inside</i> repetitions
/// (second-by-second windows). Values that are not above zero (nothing measured) are left out.
/// </summary>
public sealed record RepetitionSample
{
    private RepetitionSample(double[] logs, double withinFloor)
    {
        Logs = logs;
        WithinVarianceFloor = withinFloor;
    }

    /// <summary>ln(value) of every usable repetition.</summary>
    public IReadOnlyList<double> Logs { get; }

    /// <summary>
    /// The variance of one repetition's ln(value) implied by its own per-second windows (variance of
    /// ln(window) / number of windows, averaged over repetitions); 0 when the windows are not known.
    /// Repetitions can disagree more than this (a fresh server, another moment), never credibly less.
    /// </summary>
    public double WithinVarianceFloor { get; }

    /// <summary>Repetitions in the sample.</summary>
    public int Count => Logs.Count;

    /// <summary>Mean of the logs: ln of the geometric mean.</summary>
    public double MeanLog => Logs.Count == 0 ? double.NaN : Logs.Average();

    /// <summary>The geometric mean of the repetitions (the typical value on the ratio scale).</summary>
    public double GeometricMean => Math.Exp(MeanLog);

    /// <summary>Sample variance of the logs (n − 1), raised to <see cref="WithinVarianceFloor"/>; NaN with one repetition.</summary>
    public double LogVariance
    {
        get
        {
            if (Logs.Count < 2) return double.NaN;
            var sd = Statistics.StdDev(Logs, MeanLog);
            return Math.Max(sd * sd, WithinVarianceFloor);
        }
    }

    /// <summary>From per-repetition values; <paramref name="windows"/> (optional) holds each repetition's full per-second values.</summary>
    public static RepetitionSample Of(IReadOnlyList<double> values, IReadOnlyList<IReadOnlyList<double>>? windows = null)
    {
        var logs = values.Where(v => v > 0 && double.IsFinite(v)).Select(v => Math.Log(v)).ToArray();
        return new RepetitionSample(logs, windows is null ? 0 : WithinFloor(windows));
    }

    /// <summary>Variance of a repetition's mean ln(window) from its own windows, averaged over the repetitions that have two or more.</summary>
    private static double WithinFloor(IReadOnlyList<IReadOnlyList<double>> windows)
    {
        var perRepetition = new List<double>();
        foreach (var rep in windows)
        {
            var logs = rep.Where(v => v > 0 && double.IsFinite(v)).Select(v => Math.Log(v)).ToArray();
            if (logs.Length < 2) continue;
            var sd = Statistics.StdDev(logs, logs.Average());
            perRepetition.Add(sd * sd / logs.Length);
        }
        return perRepetition.Count == 0 ? 0 : perRepetition.Average();
    }
}
