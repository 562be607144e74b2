using System.Text.Json;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Load;

/// <summary>
/// The JSON form of a <see cref="LoadResult"/>: the summary fields a person or a script reads first
/// (requests, durationSeconds, requestsPerSecond, latencyUs, errors, successes, errorRate, at a constant rate
/// targetRate, achievedRate and missedTarget, clientCpuSeconds, clientSaturated, allocatedBytesPerRequest, backend,
/// threads, connectionsOpened, openSeconds) at the top, then everything needed to rebuild the result in another process:
/// the spec (<see cref="LoadSpecJson"/>), the timeline, and the histograms in HdrHistogram's compressed base64 encoding (the same
/// encoding .hlog lines carry). <see cref="Deserialize"/> of <see cref="Serialize"/> gives the same result.
/// </summary>
public static class LoadResultJson
{
    private static readonly JsonSerializerOptions Compact = LoadSpecJson.Options;

    private static readonly JsonSerializerOptions Indented = new(Compact) { WriteIndented = true };

    /// <summary>One JSON object; <paramref name="indented"/> for people, compact for files and pipes.</summary>
    public static string Serialize(LoadResult result, bool indented = false)
        => JsonSerializer.Serialize(ToDocument(result), indented ? Indented : Compact);

    /// <summary>Rebuilds a result written by <see cref="Serialize"/>; a document that is not one is a <see cref="PerfNotebooksException"/>.</summary>
    public static LoadResult Deserialize(string json)
    {
        var document = LoadSpecJson.Deserialize<Document>(json, "load result");
        if (document.Spec is null || document.Histograms is null || document.LatencyUs is null || document.Errors is null)
            throw new PerfNotebooksException("not a load result JSON document: spec, histograms, latencyUs or errors missing.");
        return FromDocument(document);
    }

    private static Document ToDocument(LoadResult r)
    {
        return new Document
        {
            Requests = r.Summary.Requests,
            DurationSeconds = r.Summary.DurationSeconds,
            RequestsPerSecond = r.Summary.RequestsPerSecond,
            LatencyUs = Percentiles.From(r.Summary.Latency),
            UncorrectedLatencyUs = Percentiles.From(LatencyPercentiles.From(r.Uncorrected)),
            Errors = new Errors
            {
                Connect = r.Errors.Connect,
                Read = r.Errors.Read,
                Reset = r.Errors.Reset,
                Write = r.Errors.Write,
                Timeout = r.Errors.Timeout,
                Protocol = r.Errors.Protocol,
                Status = r.Errors.Status.ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value),
                Total = r.Errors.Total,
            },
            Successes = r.Successes,
            ErrorRate = r.ErrorRate,
            TargetRate = r.TargetRate,
            AchievedRate = r.AchievedRate,
            MissedTarget = r.Spec.IsOpenLoop ? r.MissedTargetRate : null,
            Messages = r.Messages,
            ClientCpuSeconds = r.Client.CpuSeconds,
            ClientSaturated = r.Client.Saturated,
            ClientSaturationReason = r.Client.SaturationReason,
            SendLagP99Us = r.Client.SendLagP99Us,
            SendLagMaxUs = r.Client.SendLagMaxUs,
            AllocatedBytesPerRequest = r.Client.AllocatedBytesPerRequest,
            ProcessorCount = r.Client.ProcessorCount,
            Backend = r.Client.Backend,
            BackendNote = r.Client.BackendNote,
            Threads = r.Client.Threads,
            ConnectionsOpened = r.Client.ConnectionsOpened,
            OpenSeconds = r.Client.OpenSeconds,
            LoopBusyShare = r.Client.LoopBusyShare,
            PeakRssBytes = r.Client.PeakRssBytes,
            Reconnects = r.Reconnects,
            StartedAt = r.StartedAt,
            Spec = r.Spec,
            Timeline = r.Timeline.Select(t => new TimelineEntry(t.Second, t.Requests, t.Errors, t.P50, t.P99, r.Spec.Profile?.Requests(t.Second, t.Second + 1))).ToArray(),
            Histograms = new Histograms(HistogramCodec.Encode(r.Corrected), HistogramCodec.Encode(r.Uncorrected)),
            Intervals = r.Intervals.Select(i => new Interval(i.StartSeconds, i.LengthSeconds, i.Compressed)).ToArray(),
        };
    }

    private static LoadResult FromDocument(Document d)
    {
        var e = d.Errors!;
        var errors = new ErrorCounts
        {
            Connect = e.Connect,
            Read = e.Read,
            Reset = e.Reset,
            Write = e.Write,
            Timeout = e.Timeout,
            Protocol = e.Protocol,
            Status = new SortedDictionary<int, long>((e.Status ?? []).ToDictionary(p => int.Parse(p.Key, System.Globalization.CultureInfo.InvariantCulture), p => p.Value)),
        };
        var l = d.LatencyUs!;
        return new LoadResult
        {
            Spec = d.Spec!,
            Summary = new LoadSummary(d.Requests, d.DurationSeconds, d.RequestsPerSecond,
                new LatencyPercentiles(l.Mean, l.P50, l.P75, l.P90, l.P99, l.P999, l.Max), errors.Total),
            Corrected = HistogramCodec.Decode(d.Histograms!.Corrected),
            Uncorrected = HistogramCodec.Decode(d.Histograms.Uncorrected),
            Timeline = (d.Timeline ?? []).Select(t => new TimelineSecond(t.Second, t.Requests, t.Errors, t.P50, t.P99)).ToArray(),
            Intervals = (d.Intervals ?? []).Select(i => new HistogramInterval(i.StartSeconds, i.LengthSeconds, i.Histogram)).ToArray(),
            Errors = errors,
            Client = new ClientAudit(d.ClientCpuSeconds, d.SendLagP99Us, d.SendLagMaxUs, d.ClientSaturated, d.ClientSaturationReason)
            {
                AllocatedBytesPerRequest = d.AllocatedBytesPerRequest,
                ProcessorCount = d.ProcessorCount,
                Backend = d.Backend,
                BackendNote = d.BackendNote,
                Threads = d.Threads,
                ConnectionsOpened = d.ConnectionsOpened,
                OpenSeconds = d.OpenSeconds,
                LoopBusyShare = d.LoopBusyShare,
                PeakRssBytes = d.PeakRssBytes,
            },
            Reconnects = d.Reconnects,
            StartedAt = d.StartedAt,
            Messages = d.Messages,
        };
    }

    // The wire shapes. Field order is the order people see them in.
    private sealed class Document
    {
        public long Requests { get; set; }
        public double DurationSeconds { get; set; }
        public double RequestsPerSecond { get; set; }
        public Percentiles? LatencyUs { get; set; }
        public Percentiles? UncorrectedLatencyUs { get; set; }
        public Errors? Errors { get; set; }

        // Derived on writing (read back from the spec and the counts), for scripts that read the JSON alone.
        public long Successes { get; set; }
        public double ErrorRate { get; set; }
        public double? TargetRate { get; set; }
        public double? AchievedRate { get; set; }
        public bool? MissedTarget { get; set; }

        /// <summary>ws:// runs: messages sent, received (echoes, or deliveries), due, per second.</summary>
        public WebSocketMessages? Messages { get; set; }
        public double ClientCpuSeconds { get; set; }
        public bool ClientSaturated { get; set; }
        public string? ClientSaturationReason { get; set; }
        public long SendLagP99Us { get; set; }
        public long SendLagMaxUs { get; set; }
        public double AllocatedBytesPerRequest { get; set; }
        public int ProcessorCount { get; set; }
        public string? Backend { get; set; }
        public string? BackendNote { get; set; }
        public int Threads { get; set; }
        public int ConnectionsOpened { get; set; }
        public double OpenSeconds { get; set; }
        public double LoopBusyShare { get; set; }
        public long PeakRssBytes { get; set; }
        public long Reconnects { get; set; }
        public DateTimeOffset StartedAt { get; set; }
        public LoadSpec? Spec { get; set; }
        public TimelineEntry[]? Timeline { get; set; }
        public Histograms? Histograms { get; set; }
        public Interval[]? Intervals { get; set; }
    }

    private sealed record Percentiles(double Mean, long P50, long P75, long P90, long P99, long P999, long Max)
    {
        public static Percentiles From(LatencyPercentiles p) => new(p.Mean, p.P50, p.P75, p.P90, p.P99, p.P999, p.Max);
    }

    private sealed class Errors
    {
        public long Connect { get; set; }
        public long Read { get; set; }
        public long Reset { get; set; }
        public long Write { get; set; }
        public long Timeout { get; set; }
        public long Protocol { get; set; }
        public Dictionary<string, long>? Status { get; set; }
        public long Total { get; set; }
    }

    /// <summary>One second; <c>offered</c>: what a rate profile asked for in it (written for people and scripts, not read back).</summary>
    private sealed record TimelineEntry(int Second, long Requests, long Errors, long P50, long P99, double? Offered = null);

    private sealed record Histograms(byte[] Corrected, byte[] Uncorrected);

    private sealed record Interval(double StartSeconds, double LengthSeconds, byte[] Histogram);
}
