using System.Globalization;
using PerfNotebooks.Load;

namespace PerfNotebooks.Cli;

/// <summary>
/// Pass/fail limits for <c>perfnb load</c>, in the manner of k6's thresholds, so a script or a CI job can gate
/// on a run: <c>--max-error-rate 0.01</c>, <c>--max-p99 50ms</c>, <c>--fail-on-saturation</c>. A run that
/// misses one exits 1 with one line per threshold missed, after its result was printed and written.
/// </summary>
internal sealed record LoadThresholds
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Highest share of failed requests (0..1) that passes; null = no limit.</summary>
    public double? MaxErrorRate { get; init; }

    /// <summary>Highest p99 latency (the corrected histogram's) that passes; null = no limit.</summary>
    public TimeSpan? MaxP99 { get; init; }

    /// <summary>A run whose generator saturated (it, not the server, set the pace) fails.</summary>
    public bool FailOnSaturation { get; init; }

    /// <summary>Reads the option values; a bad one is a <see cref="PerfNotebooksException"/> naming what is accepted.</summary>
    public static LoadThresholds Parse(string? maxErrorRate, string? maxP99, bool failOnSaturation)
    {
        double? rate = null;
        if (maxErrorRate is not null)
        {
            var text = maxErrorRate.Trim();
            var percent = text.EndsWith('%');
            if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, C, out var value) || double.IsNaN(value))
                throw new PerfNotebooksException($"--max-error-rate '{maxErrorRate}' is not a number; use a share from 0 to 1 (0.01 = 1%) or a percentage such as 1%.");
            if (percent) value /= 100;
            if (value < 0 || value > 1)
                throw new PerfNotebooksException($"--max-error-rate '{maxErrorRate}' is out of range; use a share from 0 to 1 (0.01 = 1%) or a percentage from 0% to 100%.");
            rate = value;
        }
        TimeSpan? p99 = null;
        if (maxP99 is not null)
        {
            p99 = Duration.Parse(maxP99, "--max-p99");
            if (p99 <= TimeSpan.Zero) throw new PerfNotebooksException($"--max-p99 '{maxP99}' must be above 0; use {Duration.AcceptedForms}.");
        }
        return new LoadThresholds { MaxErrorRate = rate, MaxP99 = p99, FailOnSaturation = failOnSaturation };
    }

    /// <summary>
    /// One line per failed check, empty when the run passes. Checked first: at least one request succeeded
    /// (a run with no success fails whatever the thresholds).
    /// </summary>
    public IReadOnlyList<string> Failures(LoadResult result)
    {
        var failures = new List<string>();
        if (result.Successes == 0)
        {
            var e = result.Errors;
            failures.Add(string.Create(C,
                $"no request succeeded: {result.Attempts} attempted, {e.Total} failed (connect {e.Connect}, read {e.Read}, reset {e.Reset}, write {e.Write}, timeout {e.Timeout}, protocol {e.Protocol}, non-2xx {e.Status.Values.Sum()})."));
        }
        if (MaxErrorRate is { } maxRate && result.ErrorRate > maxRate)
            failures.Add(string.Create(C, $"threshold missed: error rate {Percent(result.ErrorRate)} ({result.Errors.Total} of {result.Attempts}) is above --max-error-rate {Percent(maxRate)}."));
        if (MaxP99 is { } maxP99 && result.Summary.Requests > 0 && result.Summary.Latency.P99 > maxP99.TotalMicroseconds)
            failures.Add(string.Create(C, $"threshold missed: p99 latency {LoadTextOutput.Us(result.Summary.Latency.P99)} is above --max-p99 {Duration.Format(maxP99)}."));
        if (FailOnSaturation && result.Client.Saturated)
            failures.Add($"threshold missed: --fail-on-saturation: the generator saturated ({result.Client.SaturationReason}).");
        return failures;
    }

    private static string Percent(double share) => string.Create(C, $"{share * 100:0.###}%");
}
