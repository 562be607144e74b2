using PerfNotebooks.Interactive.Charts;
using PerfNotebooks.Load;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Interactive.Formatting;

/// <summary>
/// A load result in a notebook: the summary a wrk user reads at a glance, the generator's self-audit, and
/// two charts (latency percentile spectrum, per-second timeline), shown as displays of their own.
/// </summary>
internal static class LoadResultView
{
    public static string Render(LoadResult result, string? name = null, IReadOnlyList<ResourceSample>? server = null, string? note = null)
    {
        var s = result.Summary;
        var l = s.Latency;
        var rows = new List<(string, string)>
        {
            ("target", Html.E($"{result.Spec.Method} {result.Spec.Url}")),
            ("load", Html.E(LoadText(result.Spec))),
            ("requests", $"{Html.N(s.Requests)} in {Html.N(s.DurationSeconds, "0.0")} s = <b>{Html.Rps(s.RequestsPerSecond)} req/s</b>"),
            ("latency", Html.E($"p50 {Html.Us(l.P50)} · p75 {Html.Us(l.P75)} · p90 {Html.Us(l.P90)} · p99 {Html.Us(l.P99)} · p99.9 {Html.Us(l.P999)} · max {Html.Us(l.Max)}")),
            ("errors", ErrorsHtml(result.Errors, s.Requests)),
            ("reconnects", Html.N(result.Reconnects)),
            ("generator", GeneratorHtml(result.Client)),
        };
        if (result.MissedTargetRateText is { } missed) rows.Insert(3, ("rate", $"<span class=\"warn\">{Html.E(missed)}</span>"));
        if (result.Messages is { } m)
            rows.Insert(3, ("messages", Html.E(m.Rooms is null
                ? $"{Html.N(m.Sent)} sent, {Html.N(m.Received)} echoed back ({m.Size}-byte text messages)"
                : $"{Html.N(m.Sent)} sent, {Html.N(m.Received)} of {Html.N(m.DeliveriesDue)} deliveries to the other clients of their rooms ({Reporting.Numbers.Share(m.DeliveredShare)})")));
        if (server is { Count: > 0 })
        {
            var busy = server.Where(x => x.CpuPercent > 0).ToArray();
            var cpu = busy.Length == 0 ? 0 : busy.Average(x => x.CpuPercent);
            rows.Add(("server", Html.E($"CPU {Html.Pct(cpu)} % (100 = one core), PSS {Html.Bytes(server.Max(x => x.PssBytes))}, RSS {Html.Bytes(server.Max(x => x.RssBytes))}, {server.Max(x => x.ProcessCount)} process(es)")));
        }
        if (note is not null) rows.Add(("note", $"<span class=\"warn\">{Html.E(note)}</span>"));

        var title = name is null ? "load result" : $"load result {name}";
        return Html.Block(title, Html.KeyValues(rows));
    }

    /// <summary>The latency percentile spectrum and the per-second timeline.</summary>
    public static IReadOnlyList<ChartOutput> Charts(LoadResult result) => KernelCharts.ForLoadResult(result);

    /// <summary>"closed loop, 32 connections", "constant rate 200 req/s over 8 connections", "rate profile spike:... over 64 connections", with "WebSocket echo" or "WebSocket broadcast over 4 rooms" first for ws://.</summary>
    private static string LoadText(LoadSpec spec)
    {
        var unit = spec.IsWebSocket ? "messages/s" : "req/s";
        var model = spec.Profile is { } profile ? $"rate profile {profile.Text} over {spec.Connections} connections"
            : spec.EffectiveRate is { } rate ? $"constant rate {Html.N(rate)} {unit} over {spec.Connections} connections"
            : $"closed loop, {spec.Connections} connections";
        if (!spec.IsWebSocket) return model;
        return (spec.WebSocket?.Rooms is { } rooms ? $"WebSocket broadcast over {rooms} rooms, " : "WebSocket echo, ") + model;
    }

    private static string ErrorsHtml(ErrorCounts e, long requests)
    {
        if (e.Total == 0) return "none";
        var parts = new List<string>();
        if (e.Connect > 0) parts.Add($"connect {e.Connect}");
        if (e.Read > 0) parts.Add($"read {e.Read}");
        if (e.Reset > 0) parts.Add($"reset {e.Reset}");
        if (e.Write > 0) parts.Add($"write {e.Write}");
        if (e.Timeout > 0) parts.Add($"timeout {e.Timeout}");
        if (e.Protocol > 0) parts.Add($"protocol {e.Protocol}");
        parts.AddRange(e.Status.OrderBy(kv => kv.Key).Select(kv => $"HTTP {kv.Key}: {kv.Value}"));
        // Non-2xx answers are both completed requests and errors: count each attempt once.
        var attempts = requests - e.Status.Values.Sum() + e.Total;
        var share = attempts == 0 ? 0 : 100.0 * e.Total / attempts;
        return $"<span class=\"warn\">{Html.N(e.Total)} ({Html.Pct(share)} %): {Html.E(string.Join(", ", parts))}</span>";
    }

    private static string GeneratorHtml(ClientAudit c)
    {
        var text = Html.E($"CPU {Html.N(c.CpuSeconds, "0.00")} s, send lag p99 {Html.Us(c.SendLagP99Us)}, max {Html.Us(c.SendLagMaxUs)}");
        return c.Saturated
            ? text + $"<br><span class=\"warn\">client saturated: {Html.E(c.SaturationReason ?? "the generator, not the server, set the pace")}</span>"
            : text;
    }
}
