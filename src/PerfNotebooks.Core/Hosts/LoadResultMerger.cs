using PerfNotebooks.Load;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Hosts;

/// <summary>
/// Adds the results of generators that ran side by side into one: histograms added (HdrHistogram addition,
/// so percentiles are those of all requests together, not an average of percentiles), requests, rates, errors
/// and reconnects summed, the generators' CPU summed and their send lag the worst of them. The per-second
/// timeline sums requests and errors and keeps the highest p50 and p99 of any host for each second (the
/// hosts' per-second histograms are not sent back). A saturated generator saturates the merged result.
/// </summary>
public static class LoadResultMerger
{
    /// <summary>Merges <paramref name="results"/> (at least one) under <paramref name="spec"/>, the total they shared.</summary>
    public static LoadResult Merge(LoadSpec spec, IReadOnlyList<(string Host, LoadResult Result)> results)
    {
        ArgumentOutOfRangeException.ThrowIfZero(results.Count);
        var corrected = results[0].Result.Corrected.Copy();
        var uncorrected = results[0].Result.Uncorrected.Copy();
        foreach (var (_, r) in results.Skip(1))
        {
            corrected.Add(r.Corrected);
            uncorrected.Add(r.Uncorrected);
        }

        var status = new SortedDictionary<int, long>();
        foreach (var (code, count) in results.SelectMany(r => r.Result.Errors.Status)) status[code] = status.GetValueOrDefault(code) + count;
        var errors = new ErrorCounts
        {
            Connect = results.Sum(r => r.Result.Errors.Connect),
            Read = results.Sum(r => r.Result.Errors.Read),
            Reset = results.Sum(r => r.Result.Errors.Reset),
            Write = results.Sum(r => r.Result.Errors.Write),
            Timeout = results.Sum(r => r.Result.Errors.Timeout),
            Protocol = results.Sum(r => r.Result.Errors.Protocol),
            Status = status,
        };

        var saturated = results.Where(r => r.Result.Client.Saturated).ToList();
        var client = new ClientAudit(
            results.Sum(r => r.Result.Client.CpuSeconds),
            results.Max(r => r.Result.Client.SendLagP99Us),
            results.Max(r => r.Result.Client.SendLagMaxUs),
            saturated.Count > 0,
            saturated.Count == 0 ? null : string.Join("; ", saturated.Select(r => $"{r.Host}: {r.Result.Client.SaturationReason}")))
        {
            AllocatedBytesPerRequest = results.Max(r => r.Result.Client.AllocatedBytesPerRequest),
            ProcessorCount = results.Sum(r => r.Result.Client.ProcessorCount),
            // One backend when every host ran the same one; otherwise each host's, named.
            Backend = results.Select(r => r.Result.Client.Backend).Distinct().Count() == 1
                ? results[0].Result.Client.Backend
                : string.Join("; ", results.Select(r => $"{r.Host}: {r.Result.Client.Backend ?? "unknown"}")),
            BackendNote = results.Any(r => r.Result.Client.BackendNote is not null)
                ? string.Join("; ", results.Where(r => r.Result.Client.BackendNote is not null).Select(r => $"{r.Host}: {r.Result.Client.BackendNote}"))
                : null,
            Threads = results.Sum(r => r.Result.Client.Threads),
            ConnectionsOpened = results.Sum(r => r.Result.Client.ConnectionsOpened),
            OpenSeconds = results.Max(r => r.Result.Client.OpenSeconds),
            PeakRssBytes = results.Max(r => r.Result.Client.PeakRssBytes),
            LoopBusyShare = results.Max(r => r.Result.Client.LoopBusyShare),
        };

        var timeline = results.SelectMany(r => r.Result.Timeline)
            .GroupBy(t => t.Second)
            .OrderBy(g => g.Key)
            .Select(g => new TimelineSecond(g.Key, g.Sum(t => t.Requests), g.Sum(t => t.Errors), g.Max(t => t.P50), g.Max(t => t.P99)))
            .ToArray();

        var requests = results.Sum(r => r.Result.Summary.Requests);
        return new LoadResult
        {
            Spec = spec,
            Summary = new LoadSummary(
                requests,
                results.Max(r => r.Result.Summary.DurationSeconds),
                results.Sum(r => r.Result.Summary.RequestsPerSecond),
                LatencyPercentiles.From(corrected),
                errors.Total),
            Corrected = corrected,
            Uncorrected = uncorrected,
            Timeline = timeline,
            Errors = errors,
            Client = client,
            Reconnects = results.Sum(r => r.Result.Reconnects),
            StartedAt = results.Min(r => r.Result.StartedAt),
        };
    }
}
