using System.Globalization;
using System.Text;
using PerfNotebooks.Load;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Cli;

/// <summary>The wrk-like text of <c>perfnb load</c>: what a wrk user reads at a glance, plus the generator's self-audit.</summary>
internal static class LoadTextOutput
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Header(LoadSpec spec)
    {
        var what = spec.Requests is { } n ? n.ToString(C) + " requests" : Duration.Format(spec.Duration) + " test";
        var unit = spec.IsWebSocket ? "messages/s" : "req/s";
        var model = spec.Profile is { } profile ? $"rate profile {profile.Text}"
            : spec.EffectiveRate is { } rate ? string.Create(C, $"constant rate {rate:0.##} {unit}") : "closed loop";
        if (spec.IsWebSocket)
        {
            var ws = spec.WebSocket ?? WebSocketLoad.Echo;
            model = ws.Rooms is { } rooms
                ? string.Create(C, $"WebSocket broadcast over {rooms} rooms, {ws.MessageSize}-byte messages, {model}")
                : string.Create(C, $"WebSocket echo, {ws.MessageSize}-byte messages, {model}");
        }
        var warmup = spec.Warmup > TimeSpan.Zero ? ", warm-up " + Duration.Format(spec.Warmup) : "";
        var pipeline = spec.Pipeline > 1 ? ", pipeline " + spec.Pipeline.ToString(C) : "";
        return string.Create(C, $"Running {what} @ {spec.Url}\n  {spec.Connections} connections, {model}{pipeline}{warmup}");
    }

    public static string ProgressLine(LoadProgress p)
        => string.Create(C, $"  {p.Elapsed.TotalSeconds,6:0.0}s {(p.WarmingUp ? "warm-up" : "running")}  {p.Requests} requests  {p.Errors} errors  {p.CurrentRequestsPerSecond:0} req/s   ");

    public static string Summary(LoadResult r)
    {
        var s = new StringBuilder();
        var latency = r.Summary.Latency;
        var corrected = r.Spec.IsOpenLoop;
        s.Append(C, $"  Latency Distribution{(corrected ? " (corrected for coordinated omission)" : "")}\n");
        Line(s, "50%", latency.P50);
        Line(s, "75%", latency.P75);
        Line(s, "90%", latency.P90);
        Line(s, "99%", latency.P99);
        Line(s, "99.9%", latency.P999);
        Line(s, "max", latency.Max);
        s.Append(C, $"  {"mean",7}  {Us(latency.Mean),10}\n");
        if (corrected)
        {
            var u = LatencyPercentiles.From(r.Uncorrected);
            s.Append(C, $"  Uncorrected: p50 {Us(u.P50)}, p99 {Us(u.P99)}, max {Us(u.Max)}\n");
        }
        var counted = r.Messages is null ? "requests" : r.Messages.Rooms is null ? "messages echoed" : "deliveries";
        s.Append(C, $"  {r.Summary.Requests} {counted} in {r.Summary.DurationSeconds:0.00}s");
        if (r.Reconnects > 0) s.Append(C, $", {r.Reconnects} reconnects (server closed the connection)");
        s.Append('\n');
        var e = r.Errors;
        if (e.Socket > 0)
            s.Append(C, $"  Socket errors: connect {e.Connect}, read {e.Read}, reset {e.Reset}, write {e.Write}, timeout {e.Timeout}, protocol {e.Protocol}\n");
        var nonSuccess = e.Status.Values.Sum();
        if (nonSuccess > 0)
            s.Append(C, $"  Non-2xx responses: {nonSuccess} ({string.Join(", ", e.Status.Select(p => p.Key.ToString(C) + ": " + p.Value.ToString(C)))})\n");
        if (r.Messages is { } m)
        {
            if (m.Rooms is null) s.Append(C, $"  Messages: {m.Sent} sent, {m.Received} echoed back\n");
            else s.Append(C, $"  Messages: {m.Sent} sent, {m.Received} of {m.DeliveriesDue} deliveries to the other clients of their rooms ({Reporting.Numbers.Share(m.DeliveredShare)})\n");
            s.Append(C, $"{(m.Rooms is null ? "Messages/sec" : "Deliveries/sec")}: {Reporting.Numbers.Rps(r.Summary.RequestsPerSecond),12}\n");
        }
        else
        {
            s.Append(C, $"Requests/sec: {Reporting.Numbers.Rps(r.Summary.RequestsPerSecond),12}\n");
        }
        if (r.Spec.Profile is { } profile && r.Timeline.Count > 0)
        {
            s.Append("  Second by second (offered / served / errors / p99 from the intended send time):\n");
            foreach (var t in r.Timeline)
                s.Append(C, $"  {t.Second,5}s  {profile.Requests(t.Second, t.Second + 1),7:0} {t.Requests,7} {t.Errors,6}  {Us(t.P99),10}\n");
        }
        if (r.MissedTargetRateText is { } missed) s.Append(C, $"WARNING: {missed}.\n");
        var client = r.Client;
        var cpuPerSecond = r.Summary.DurationSeconds > 0 ? client.CpuSeconds / r.Summary.DurationSeconds : 0;
        s.Append(C, $"Generator: {client.CpuSeconds:0.00} CPU-s ({Reporting.Numbers.Percent(cpuPerSecond * 100)}% of a core), {client.AllocatedBytesPerRequest:0.0} B allocated/request");
        if (corrected) s.Append(C, $", send lag p99 {Us(client.SendLagP99Us)} max {Us(client.SendLagMaxUs)}");
        s.Append('\n');
        if (client.Backend is not null)
        {
            var threads = client.Threads == 1 ? "1 thread" : client.Threads.ToString(C) + " threads";
            var noun = r.Spec.Connections == 1 ? "connection" : "connections";
            var opened = client.ConnectionsOpened == r.Spec.Connections
                ? string.Create(C, $"{client.ConnectionsOpened} {noun} opened in {Seconds(client.OpenSeconds)}")
                : string.Create(C, $"{client.ConnectionsOpened} of {r.Spec.Connections} {noun} opened in {Seconds(client.OpenSeconds)}");
            s.Append(C, $"Engine: {client.Backend}, {threads}, {opened}");
            if (client.PeakRssBytes > 0) s.Append(C, $", peak RSS {client.PeakRssBytes / 1e6:0} MB");
            if (client.BackendNote is not null) s.Append(C, $" ({client.BackendNote})");
            s.Append('\n');
        }
        if (client.Saturated) s.Append(C, $"WARNING: client saturated: {client.SaturationReason}; the generator, not the server, may have set the pace.\n");
        return s.ToString();
    }

    private static string Seconds(double seconds) => seconds < 1 ? string.Create(C, $"{seconds * 1000:0.0} ms") : string.Create(C, $"{seconds:0.00} s");

    private static void Line(StringBuilder s, string label, long us) => s.Append(C, $"  {label,7}  {Us(us),10}\n");

    /// <summary>wrk's units (us below a millisecond, ms below a second, s above), 3 significant digits.</summary>
    internal static string Us(double us) => us switch
    {
        < 1000 => string.Create(C, $"{us:0}us"),
        < 1_000_000 => Reporting.Numbers.Ms(us / 1000) + "ms",
        _ => Reporting.Numbers.Significant(us / 1_000_000, 3) + "s",
    };
}
