using System.Globalization;

namespace PerfNotebooks.Reporting;

/// <summary>
/// "How to read this": what the statistics do, in a paragraph a student can follow. The report prints
/// it above the verdicts and docs/statistics.md carries the same words (a test keeps them equal).
/// </summary>
public static class MethodText
{
    /// <summary>The paragraph, for the band the verdicts were judged against.</summary>
    public static string HowToRead(EquivalenceBand band)
    {
        var pct = (band.Fraction * 100).ToString("0.##", CultureInfo.InvariantCulture);
        var lower = band.Lower.ToString("0.###", CultureInfo.InvariantCulture);
        var upper = band.Upper.ToString("0.###", CultureInfo.InvariantCulture);
        return
            "Every cell is measured several times. A repetition starts the server afresh and runs one timed load, and the repetition is the unit of evidence: "
            + "two repetitions of the same cell differ far more than two seconds within one. "
            + "Because a busy machine slows a server down by a share rather than by a fixed amount, comparisons are made on ratios. "
            + "For each condition the logarithm of every repetition's value (req/s, p99 latency, req/s per core, memory) is taken and averaged, which gives the geometric mean; "
            + "the difference of two such averages is the logarithm of the ratio between the two conditions. "
            + "Welch's t-interval on that difference, turned back into a ratio, is the 95% interval: \"4.8x [3.1x, 7.4x]\" means the leader did 4.8 times better in this run, "
            + "and any ratio from 3.1x to 7.4x fits the spread of the repetitions. "
            + "The seconds inside each repetition only set a floor under that spread: repetitions may disagree more than the seconds within one, never credibly less. "
            + $"The interval is then set against the equivalence band of ±{pct}% (ratios from {lower}x to {upper}x count as no practical difference): "
            + "when the whole interval lies beyond the band, the leader leads; when it lies inside the band, the two are practically equal; "
            + "when it reaches into the band, we cannot tell yet, and the verdict says about how many more repetitions would likely decide it if the ratio and the spread stay as measured. "
            + "CV, the coefficient of variation, is the standard deviation of a condition's req/s over its repetitions divided by their mean: the run-to-run noise. "
            + "A leader or runner-up whose cells carry a flag (more than 1% of requests failed, a saturated load generator, a server that died, a missed target rate) is named in the verdict's note, "
            + "and a condition with no usable repetition is left out with the reason. "
            + "The article's claims are judged with the same interval against the smallest effect each claim needs (\"better\" means at least 1.2x): "
            + "the claim agrees when the whole interval lies at or above that effect, disagrees when it lies wholly below, and cannot be told otherwise.";
    }
}
