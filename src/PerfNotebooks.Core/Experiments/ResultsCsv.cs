using PerfNotebooks.Metrics;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>The rows of results.csv, timeline.csv and resources.csv, and reading them back.</summary>
internal static class ResultsCsv
{
    public static readonly string[] ResultColumns =
    [
        "cell_id", "index", "matrix", "stack", "app", "server", "worker_class", "workers", "endpoint", "model",
        "connections", "rate", "repetition", "started_at", "duration_s", "requests", "rps",
        "latency_mean_us", "p50_us", "p75_us", "p90_us", "p99_us", "p999_us", "max_us",
        "errors", "errors_connect", "errors_read", "errors_reset", "errors_write", "errors_timeout", "errors_protocol", "errors_status",
        "reconnects", "server_cpu_pct", "server_cpu_s", "rss_max_bytes", "pss_max_bytes", "processes",
        "client_cpu_s", "send_lag_p99_us", "send_lag_max_us", "client_saturated", "saturation_reason", "rate_missed",
        "client_backend", "client_backend_note", "client_threads", "connections_opened", "open_s",
        "client_alloc_bytes_per_request", "client_peak_rss_bytes", "client_loop_busy_share",
        "python_version", "framework_version", "server_version", "flags", "note", "host",
    ];

    /// <summary>Columns added after the first stored runs: a results.csv without them still reads (as 0 / false / "").</summary>
    public static readonly string[] LaterResultColumns =
    [
        "errors_reset", "rate_missed", "host",
        "client_backend", "client_backend_note", "client_threads", "connections_opened", "open_s",
        "client_alloc_bytes_per_request", "client_peak_rss_bytes", "client_loop_busy_share",
    ];

    /// <summary>The columns a results.csv must have to be read.</summary>
    public static string[] RequiredResultColumns => ResultColumns.Except(LaterResultColumns, StringComparer.Ordinal).ToArray();

    public static readonly string[] TimelineColumns = ["cell_id", "second", "requests", "errors", "p50_us", "p99_us"];

    public static readonly string[] ResourceColumns = ["cell_id", "elapsed_s", "cpu_user_s", "cpu_system_s", "cpu_pct", "rss_bytes", "pss_bytes", "processes"];

    public static string Header(string[] columns) => Csv.Line(columns);

    public static string ResultRow(CellResult r)
    {
        var c = r.Cell;
        var s = r.Summary;
        var l = s.Latency;
        var e = r.Errors;
        return Csv.Line(
        [
            Csv.Field(c.Id), Csv.Field(c.Index), Csv.Field(c.Matrix), Csv.Field(c.Stack.Name), Csv.Field(c.Stack.App), Csv.Field(c.Stack.Server),
            Csv.Field(c.Stack.WorkerClass), Csv.Field(c.Workers), Csv.Field(c.Endpoint), Csv.Field(ModelName(c.Model)),
            Csv.Field(c.Connections), Csv.Field(c.Rate), Csv.Field(c.Repetition), Csv.Field(r.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            Csv.Field(s.DurationSeconds), Csv.Field(s.Requests), Csv.Field(s.RequestsPerSecond),
            Csv.Field(l.Mean), Csv.Field(l.P50), Csv.Field(l.P75), Csv.Field(l.P90), Csv.Field(l.P99), Csv.Field(l.P999), Csv.Field(l.Max),
            Csv.Field(s.Errors), Csv.Field(e.Connect), Csv.Field(e.Read), Csv.Field(e.Reset), Csv.Field(e.Write), Csv.Field(e.Timeout), Csv.Field(e.Protocol),
            Csv.Field(string.Join(';', e.Status.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))),
            Csv.Field(r.Reconnects), Csv.Field(r.Server.CpuPercent), Csv.Field(r.Server.CpuSeconds), Csv.Field(r.Server.RssMaxBytes),
            Csv.Field(r.Server.PssMaxBytes), Csv.Field(r.Server.Processes),
            Csv.Field(r.Client.CpuSeconds), Csv.Field(r.Client.SendLagP99Us), Csv.Field(r.Client.SendLagMaxUs), Csv.Field(r.Client.Saturated),
            Csv.Field(r.Client.SaturationReason), Csv.Field(r.HasFlag(CellFlags.RateMissed)),
            Csv.Field(r.Client.Backend), Csv.Field(r.Client.BackendNote), Csv.Field(r.Client.Threads), Csv.Field(r.Client.ConnectionsOpened),
            Csv.Field(r.Client.OpenSeconds), Csv.Field(r.Client.AllocatedBytesPerRequest), Csv.Field(r.Client.PeakRssBytes), Csv.Field(r.Client.LoopBusyShare),
            Csv.Field(r.Versions?.Python), Csv.Field(r.Versions?.Framework), Csv.Field(r.Versions?.Server),
            Csv.Field(string.Join(';', r.Flags)), Csv.Field(r.Note), Csv.Field(r.Host),
        ]);
    }

    /// <summary>A cell's row, then one row per load host of a distributed cell (host column set).</summary>
    public static string ResultRows(CellResult r) => ResultRow(r) + string.Concat(r.PerHost.Select(ResultRow));

    public static string TimelineRows(CellResult r)
        => string.Concat(r.Timeline.Select(t => Csv.Line([Csv.Field(r.Cell.Id), Csv.Field(t.Second), Csv.Field(t.Requests), Csv.Field(t.Errors), Csv.Field(t.P50), Csv.Field(t.P99)])));

    public static string ResourceRows(CellResult r)
        => string.Concat(r.Resources.Select(s => Csv.Line(
        [
            Csv.Field(r.Cell.Id), Csv.Field(s.Elapsed.Ticks / (double)TimeSpan.TicksPerSecond), Csv.Field(s.CpuUserSeconds), Csv.Field(s.CpuSystemSeconds),
            Csv.Field(s.CpuPercent), Csv.Field(s.RssBytes), Csv.Field(s.PssBytes), Csv.Field(s.ProcessCount),
        ])));

    public static string ModelName(LoadModel model) => model == LoadModel.ConstantRate ? "rate" : "closed";

    /// <summary>
    /// Reads every result row, matching each to its plan cell by id. A per-host row (host column set) joins the
    /// <see cref="CellResult.PerHost"/> of its cell's row; only cell rows are returned.
    /// </summary>
    public static List<CellResult> ReadResults(CsvTable t, IReadOnlyDictionary<string, PlanCell> cells)
    {
        var rows = ReadRows(t, cells);
        var perHost = rows.Where(r => r.Host.Length > 0).GroupBy(r => r.Cell.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return [.. rows.Where(r => r.Host.Length == 0).Select(r => perHost.TryGetValue(r.Cell.Id, out var hosts) ? r with { PerHost = hosts } : r)];
    }

    private static List<CellResult> ReadRows(CsvTable t, IReadOnlyDictionary<string, PlanCell> cells)
    {
        var list = new List<CellResult>(t.Count);
        for (var i = 0; i < t.Count; i++)
        {
            var id = t.Text(i, "cell_id");
            if (!cells.TryGetValue(id, out var cell)) throw new FormatException($"results.csv row {i + 2} names cell '{id}', which is not in the plan");
            var status = new Dictionary<int, long>();
            foreach (var part in t.Text(i, "errors_status").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = part.Split(':');
                if (kv.Length != 2 || !int.TryParse(kv[0], System.Globalization.CultureInfo.InvariantCulture, out var code) || !long.TryParse(kv[1], System.Globalization.CultureInfo.InvariantCulture, out var count))
                    throw new FormatException($"results.csv row {i + 2}: errors_status '{part}' is not code:count");
                status[code] = count;
            }
            var python = t.Text(i, "python_version");
            var framework = t.Text(i, "framework_version");
            var server = t.Text(i, "server_version");
            var reason = t.Text(i, "saturation_reason");
            list.Add(new CellResult
            {
                Cell = cell,
                StartedAt = DateTimeOffset.Parse(t.Text(i, "started_at"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind),
                Summary = new LoadSummary(
                    t.Long(i, "requests"), t.Double(i, "duration_s"), t.Double(i, "rps"),
                    new LatencyPercentiles(t.Double(i, "latency_mean_us"), t.Long(i, "p50_us"), t.Long(i, "p75_us"), t.Long(i, "p90_us"), t.Long(i, "p99_us"), t.Long(i, "p999_us"), t.Long(i, "max_us")),
                    t.Long(i, "errors")),
                Errors = new ErrorCounts
                {
                    Connect = t.Long(i, "errors_connect"), Read = t.Long(i, "errors_read"), Write = t.Long(i, "errors_write"),
                    Reset = t.Has("errors_reset") ? t.Long(i, "errors_reset") : 0,
                    Timeout = t.Long(i, "errors_timeout"), Protocol = t.Long(i, "errors_protocol"), Status = status,
                },
                Client = ReadClient(t, i, reason),
                Reconnects = t.Long(i, "reconnects"),
                Server = new ServerUsage(t.Double(i, "server_cpu_pct"), t.Double(i, "server_cpu_s"), t.Long(i, "rss_max_bytes"), t.Long(i, "pss_max_bytes"), t.Int(i, "processes")),
                Versions = python.Length + framework.Length + server.Length == 0 ? null : new ServerVersions(python, framework, server),
                Flags = t.Text(i, "flags").Split(';', StringSplitOptions.RemoveEmptyEntries),
                Note = t.Text(i, "note"),
                Host = t.Has("host") ? t.Text(i, "host") : "",
            });
        }
        return list;
    }

    // The generator's audit; the columns after client_saturated came later, so an older file reads them as unknown.
    private static ClientAudit ReadClient(CsvTable t, int i, string reason)
    {
        var client = new ClientAudit(t.Double(i, "client_cpu_s"), t.Long(i, "send_lag_p99_us"), t.Long(i, "send_lag_max_us"), t.Bool(i, "client_saturated"), reason.Length == 0 ? null : reason);
        if (!t.Has("client_backend")) return client;
        var backend = t.Text(i, "client_backend");
        var note = t.Text(i, "client_backend_note");
        return client with
        {
            Backend = backend.Length == 0 ? null : backend,
            BackendNote = note.Length == 0 ? null : note,
            Threads = t.Int(i, "client_threads"),
            ConnectionsOpened = t.Int(i, "connections_opened"),
            OpenSeconds = t.Double(i, "open_s"),
            AllocatedBytesPerRequest = t.Double(i, "client_alloc_bytes_per_request"),
            PeakRssBytes = t.Long(i, "client_peak_rss_bytes"),
            LoopBusyShare = t.Double(i, "client_loop_busy_share"),
        };
    }

    public static Dictionary<string, List<TimelineSecond>> ReadTimeline(CsvTable t)
    {
        var map = new Dictionary<string, List<TimelineSecond>>(StringComparer.Ordinal);
        for (var i = 0; i < t.Count; i++)
        {
            var id = t.Text(i, "cell_id");
            if (!map.TryGetValue(id, out var list)) map[id] = list = [];
            list.Add(new TimelineSecond(t.Int(i, "second"), t.Long(i, "requests"), t.Long(i, "errors"), t.Long(i, "p50_us"), t.Long(i, "p99_us")));
        }
        return map;
    }

    public static Dictionary<string, List<ResourceSample>> ReadResources(CsvTable t)
    {
        var map = new Dictionary<string, List<ResourceSample>>(StringComparer.Ordinal);
        for (var i = 0; i < t.Count; i++)
        {
            var id = t.Text(i, "cell_id");
            if (!map.TryGetValue(id, out var list)) map[id] = list = [];
            list.Add(new ResourceSample(
                TimeSpan.FromTicks((long)Math.Round(t.Double(i, "elapsed_s") * TimeSpan.TicksPerSecond)),
                t.Double(i, "cpu_user_s"), t.Double(i, "cpu_system_s"), t.Double(i, "cpu_pct"),
                t.Long(i, "rss_bytes"), t.Long(i, "pss_bytes"), t.Int(i, "processes")));
        }
        return map;
    }
}
