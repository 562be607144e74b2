namespace PerfNotebooks.Load;

/// <summary>
/// What load to drive at one URL. Closed loop when <see cref="Rate"/> is null (each connection sends its
/// next request when the last response arrives); constant rate (open loop, coordinated-omission
/// corrected) when it is set. The run ends at <see cref="Duration"/> or after <see cref="Requests"/>
/// requests, whichever is set (Requests wins when both are).
/// </summary>
public sealed record LoadSpec
{
    /// <summary>The URL to load: plain http, with a host.</summary>
    public required Uri Url { get; init; }
    /// <summary>Connections kept open.</summary>
    public int Connections { get; init; } = 32;
    /// <summary>How long to record (unless <see cref="Requests"/> is set).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Stop after exactly this many requests; null: run for <see cref="Duration"/>.</summary>
    public long? Requests { get; init; }

    /// <summary>Requests per second over all connections; null for closed loop (or when <see cref="Profile"/> sets the rate).</summary>
    public double? Rate { get; init; }

    /// <summary>
    /// A rate that changes over the run (a spike, a ramp, steps, a schedule): open loop like <see cref="Rate"/>, each
    /// request due when the profile's integral reaches it (<see cref="RateSchedule"/>); the warm-up runs at the
    /// profile's starting rate. Null: <see cref="Rate"/> or closed loop.
    /// </summary>
    public RateProfile? Profile { get; init; }

    /// <summary>
    /// How a ws:// URL is loaded once upgraded (echo, or a broadcast over rooms); null with ws:// is echo with 64-byte
    /// messages. Each message is one "request" of the summary: an echo back, or a delivery to another client.
    /// </summary>
    public WebSocketLoad? WebSocket { get; init; }

    /// <summary>True for a ws:// URL.</summary>
    public bool IsWebSocket => Url.Scheme == "ws";

    /// <summary>Open loop: a fixed rate, a rate profile, or a broadcast (which always sends at a rate).</summary>
    public bool IsOpenLoop => Rate is not null || Profile is not null || (IsWebSocket && WebSocket?.Rooms is not null);

    /// <summary>
    /// The rate the schedule follows when it is constant: <see cref="Rate"/>, or for a broadcast without one,
    /// <see cref="WebSocketLoad.DefaultBroadcastRatePerClient"/> per client. Null in closed loop and with a profile.
    /// </summary>
    public double? EffectiveRate => Profile is not null ? null
        : Rate ?? (IsWebSocket && WebSocket?.Rooms is not null ? WebSocketLoad.DefaultBroadcastRatePerClient * Connections : null);

    /// <summary>Load driven first and not recorded.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.Zero;

    /// <summary>A response not complete within this is a timeout error.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Keep each connection open across requests (HTTP/1.1's default). False sends <c>Connection: close</c> with every
    /// request, so the server closes after each response and every request pays for a new connection, as a client
    /// without keep-alive does; the engine reopens it and counts it in <see cref="LoadResult.Reconnects"/>, not as an error.
    /// </summary>
    public bool KeepAlive { get; init; } = true;

    /// <summary>Requests in flight per connection (1 = no pipelining).</summary>
    public int Pipeline { get; init; } = 1;

    /// <summary>The HTTP method.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Extra request headers, "Name: value" already split.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The request body; null: none.</summary>
    public byte[]? Body { get; init; }

    /// <summary>Event-loop threads; null = one per processor this process may run on, at most one per connection.</summary>
    public int? Threads { get; init; }

    /// <summary>The I/O backend; <see cref="LoadBackend.Auto"/> also honours the PERFNB_LOAD_BACKEND environment variable.</summary>
    public LoadBackend Backend { get; init; } = LoadBackend.Auto;
}
