using System.Globalization;

namespace PerfNotebooks.Reporting;

/// <summary>The words every view uses for a verdict, made from its fields only (so the report, the notebook and the terminal say the same).</summary>
public static class VerdictWords
{
    /// <summary>The outcome in words: "leads", "practically equal", "cannot tell yet".</summary>
    public static string Outcome(Verdict v) => v.Outcome switch
    {
        VerdictOutcome.Lead => v.Note.Length > 0 ? "leads (see note)" : "leads",
        VerdictOutcome.Equal => "practically equal",
        _ => v.MoreRepetitions is { } more
            ? $"cannot tell yet (~{more.ToString(CultureInfo.InvariantCulture)} more rep{(more == 1 ? "" : "s")})"
            : double.IsNaN(v.RatioLow) ? "cannot tell yet (1 rep)" : "cannot tell yet",
    };

    /// <summary>The verdict as a sentence.</summary>
    public static string Sentence(Verdict v)
    {
        var ratio = Numbers.RatioWithInterval(v.Ratio, v.RatioLow, v.RatioHigh);
        var band = new EquivalenceBand(v.Band).ToString();
        var text = v.Outcome switch
        {
            VerdictOutcome.Lead => $"{v.Leader} leads {v.RunnerUp}: {ratio} {Better(v.Measure)}, beyond the {band} band.",
            VerdictOutcome.Equal => $"{v.Leader} and {v.RunnerUp} are practically equal: {ratio} lies within {band}.",
            _ when double.IsNaN(v.RatioLow) => $"Cannot tell yet: {v.Leader} is ahead of {v.RunnerUp} by {Numbers.Times(v.Ratio)}, but with one repetition each there is no interval; run at least 2 more repetitions.",
            _ => $"Cannot tell yet: {v.Leader} is ahead of {v.RunnerUp} by {ratio}, an interval that reaches into the {band} band; "
                 + (v.MoreRepetitions is { } more
                     ? $"about {more.ToString(CultureInfo.InvariantCulture)} more repetition{(more == 1 ? "" : "s")} would likely decide it."
                     : "the ratio sits near the band's edge, so many more repetitions (or another band) would be needed."),
        };
        return v.Note.Length > 0 ? $"{text} Note: {v.Note}" : text;
    }

    /// <summary>What a ratio above 1 means for a measure: "more req/s", "lower p99 latency".</summary>
    public static string Better(string measure) => measure switch
    {
        Measures.Throughput => "more req/s",
        Measures.P99 => "lower p99 latency",
        Measures.RpsPerCore => "more req/s per CPU core",
        Measures.Memory => "less memory",
        Measures.Gain => "larger gain in req/s",
        _ => "better",
    };
}
