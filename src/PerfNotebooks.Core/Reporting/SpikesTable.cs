namespace PerfNotebooks.Reporting;

/// <summary>
/// Every condition of a run that followed a spike profile, as rows (<see cref="SpikeRow"/>) in the order of the run's
/// stacks; empty when the run met no spike.
/// </summary>
public static class SpikesTable
{
    /// <summary>One row per stack the run spiked.</summary>
    public static IReadOnlyList<SpikeRow> Build(RunAnalysis a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var stacks = a.Stacks.ToList();
        var rows = new List<SpikeRow>();
        foreach (var c in a.Conditions.Where(c => c.Profile is { SpikeStart: not null } && c.Cells.Count > 0)
                     .OrderBy(c => c.Endpoint, StringComparer.Ordinal).ThenBy(c => stacks.IndexOf(c.Stack)).ThenBy(c => c.Workers))
        {
            var responses = c.Cells.Select(SpikeAnalysis.Of).OfType<SpikeResponse>().ToList();
            if (responses.Count == 0) continue;
            var recovered = responses.Where(r => r.RecoverySeconds is not null).ToList();
            rows.Add(new SpikeRow
            {
                Stack = c.Label,
                Endpoint = c.Endpoint,
                Profile = c.Profile!.Text,
                Repetitions = responses.Count,
                BaselineP99Ms = responses.Average(r => r.BaselineP99Ms),
                WorstP99Ms = responses.Average(r => r.WorstP99Ms),
                RecoverySeconds = recovered.Count == 0 ? null : recovered.Average(r => r.RecoverySeconds!.Value),
                Recovered = recovered.Count,
                SecondsAfterSpike = responses.Min(r => r.SecondsAfterSpike),
                ServedShare = responses.Average(r => r.OfferedFromSpike <= 0 ? double.NaN : r.ServedFromSpike / r.OfferedFromSpike),
                ErrorShare = responses.Average(r => r.ErrorShareFromSpike),
                Seconds = responses[0].Seconds,
            });
        }
        return rows;
    }

    /// <summary>Served req/s second by second per stack, with what the profile offered as its own line; null without spikes.</summary>
    public static NamedChart? ServedChart(IReadOnlyList<SpikeRow> rows)
    {
        if (rows.Count == 0) return null;
        var names = rows.Select(r => r.Stack).Prepend("offered").ToArray();
        var xs = rows.Select(r => r.Seconds.Select(s => (double)s.Second + 0.5).ToArray()).Prepend(rows[0].Seconds.Select(s => (double)s.Second + 0.5).ToArray()).ToArray();
        var ys = rows.Select(r => r.Seconds.Select(s => (double)s.Served).ToArray()).Prepend(rows[0].Seconds.Select(s => s.Offered).ToArray()).ToArray();
        return new("spike-served", "Traffic spike: offered and served per second",
            $"{rows[0].Profile} on {rows[0].Endpoint}, first repetition: requests asked for (offered) and answered in each second. A stack that keeps up follows the offered line; one that falls behind serves less during the spike and catches up (or fails) after it.",
            ChartSpec.Lines("Offered and served per second", "second", "requests", names, xs, ys));
    }

    /// <summary>p99 (from each request's intended send time) second by second per stack, log scale; null without spikes.</summary>
    public static NamedChart? LatencyChart(IReadOnlyList<SpikeRow> rows)
    {
        if (rows.Count == 0) return null;
        var names = rows.Select(r => r.Stack).ToArray();
        var xs = rows.Select(r => r.Seconds.Select(s => (double)s.Second + 0.5).ToArray()).ToArray();
        var ys = rows.Select(r => r.Seconds.Select(s => s.Served > 0 ? s.P99Ms : double.NaN).ToArray()).ToArray();
        return new("spike-p99", "Traffic spike: p99 per second",
            $"{rows[0].Profile} on {rows[0].Endpoint}, first repetition: each second's p99, measured from the intended send time (coordinated omission corrected), so a queue built in the spike shows until it drains. Recovery: from the spike's end until the p99 is back within 2x its level before the spike.",
            ChartSpec.Lines("p99 per second", "second", "p99 (ms)", names, xs, ys, logY: true));
    }
}
