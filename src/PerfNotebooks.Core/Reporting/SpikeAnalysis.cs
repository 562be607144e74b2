using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// Reads a cell that followed a spike profile: per second, offered (the profile's integral over that second) vs
/// served (responses completed in it), errors, and the p99 (intended-time corrected); then the baseline p99
/// before the spike, the worst p99 from the spike on, and the recovery time: from the end of the spike until the
/// p99 is back within 2x its baseline for two seconds in a row (one noisy second is not a recovery).
/// </summary>
public static class SpikeAnalysis
{
    /// <summary>"Back to normal": the p99 within this many times its level before the spike.</summary>
    public const double RecoveredWithin = 2.0;

    /// <summary>Null when the cell did not follow a spike, or no whole second before the spike has a p99.</summary>
    public static SpikeResponse? Of(CellResult cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Cell.Profile is not { SpikeStart: { } start, SpikeEnd: { } end } profile) return null;
        var whole = (int)Math.Floor(cell.Summary.DurationSeconds + 1e-6);
        var seconds = cell.Timeline.Where(t => t.Second >= 0 && t.Second < whole).OrderBy(t => t.Second)
            .Select(t => new SpikeSecond(t.Second, profile.Requests(t.Second, t.Second + 1), t.Requests, t.Errors, t.P99 / 1000.0)).ToList();
        var before = seconds.Where(s => s.Second + 1 <= start && s.Served > 0).Select(s => s.P99Ms).Order().ToList();
        if (before.Count == 0) return null;
        var baseline = before[before.Count / 2];
        var from = seconds.Where(s => s.Second + 1 > start).ToList();
        var after = seconds.Where(s => s.Second >= end).ToList();
        double? recovery = null;
        for (var i = 0; i < after.Count; i++)
        {
            var ok = Within(after[i], baseline) && (i + 1 >= after.Count || Within(after[i + 1], baseline));
            if (!ok) continue;
            recovery = Math.Max(0, after[i].Second - end);
            break;
        }
        var offered = from.Sum(s => s.Offered);
        return new SpikeResponse
        {
            Seconds = seconds,
            BaselineP99Ms = baseline,
            WorstP99Ms = from.Count == 0 ? double.NaN : from.Max(s => s.P99Ms),
            RecoverySeconds = recovery,
            SecondsAfterSpike = Math.Max(0, whole - end),
            OfferedFromSpike = offered,
            ServedFromSpike = from.Sum(s => s.Served),
            ErrorShareFromSpike = offered <= 0 ? 0 : from.Sum(s => s.Errors) / offered,
        };
    }

    // A second with no completion at all has not recovered, whatever its (empty) p99 says.
    private static bool Within(SpikeSecond s, double baseline) => s.Served > 0 && s.P99Ms <= RecoveredWithin * baseline;
}
