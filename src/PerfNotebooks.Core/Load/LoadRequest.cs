using System.Globalization;

namespace PerfNotebooks.Load;

/// <summary>
/// A load asked for in text (a front end's load options), turned into a <see cref="LoadSpec"/>. One type for every
/// front end, so they accept the same values and fail with the same words; only the option names
/// (<see cref="Names"/>, given by the front end) differ. An option left out (null) keeps <see cref="LoadSpec"/>'s
/// default. Every mistake is one line naming the option, the value and what is accepted.
/// </summary>
public sealed record LoadRequest
{
    /// <summary>The URL to load.</summary>
    public string? Url { get; init; }

    /// <summary>Connections kept open: a whole number of 1 or more.</summary>
    public string? Connections { get; init; }

    /// <summary>How long to record: a <see cref="Load.Duration"/>.</summary>
    public string? Duration { get; init; }

    /// <summary>Stop after exactly this many requests.</summary>
    public string? Requests { get; init; }

    /// <summary>Constant rate in requests per second; null for closed loop.</summary>
    public string? Rate { get; init; }

    /// <summary>A rate that changes (<see cref="RateProfile"/>): spike, ramp, step or schedule; null: a fixed rate or closed loop.</summary>
    public string? Profile { get; init; }

    /// <summary>ws:// only: a broadcast over this many rooms; null: echo.</summary>
    public string? Rooms { get; init; }

    /// <summary>ws:// only: bytes per message.</summary>
    public string? MessageSize { get; init; }

    /// <summary>Load driven first and not recorded: a <see cref="Load.Duration"/>.</summary>
    public string? Warmup { get; init; }

    /// <summary>A response slower than this is a timeout error: a <see cref="Load.Duration"/>.</summary>
    public string? Timeout { get; init; }

    /// <summary>Requests in flight per connection.</summary>
    public string? Pipeline { get; init; }

    /// <summary>Extra headers, each "Name: value".</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>The HTTP method; null: GET, or POST with a body.</summary>
    public string? Method { get; init; }

    /// <summary>The body: text, or @FILE for a file's bytes.</summary>
    public string? Body { get; init; }

    /// <summary>Event-loop threads.</summary>
    public string? Threads { get; init; }

    /// <summary>The I/O backend by name (<see cref="LoadBackendNames"/>).</summary>
    public string? Backend { get; init; }

    /// <summary>How the front end that asked spells its options, for the mistakes reported.</summary>
    public required LoadOptionNames Names { get; init; }

    /// <summary>The spec asked for, checked (<see cref="LoadSpecRules.Validate"/>); a mistake is a <see cref="PerfNotebooksException"/>.</summary>
    public LoadSpec ToSpec()
    {
        var n = Names;
        var defaults = new LoadSpec { Url = new Uri("http://127.0.0.1/") };
        var body = ReadBody(n);
        var url = LoadSpecRules.ParseUrl(Url);
        var profile = ReadProfile(n);
        var spec = new LoadSpec
        {
            Url = url,
            Profile = profile,
            WebSocket = ReadWebSocket(url, n),
            Connections = Connections is null ? defaults.Connections : (int)AtLeastOne(Connections, n.Connections, "32"),
            // A profile sets the run's length unless a duration is given (beyond its end the last rate goes on).
            Duration = Duration is not null ? Load.Duration.Parse(Duration, n.Duration) : profile?.Length ?? defaults.Duration,
            Requests = Requests is null ? null : AtLeastOne(Requests, n.Requests, "1000", long.MaxValue),
            Rate = Rate is null ? null : PositiveRate(Rate, n.Rate),
            Warmup = Warmup is null ? defaults.Warmup : Load.Duration.Parse(Warmup, n.Warmup),
            Timeout = Timeout is null ? defaults.Timeout : Load.Duration.Parse(Timeout, n.Timeout),
            Pipeline = Pipeline is null ? defaults.Pipeline : (int)AtLeastOne(Pipeline, n.Pipeline, null),
            Method = Method ?? (body is null ? "GET" : "POST"),
            Headers = [.. Headers.Select(h => ParseHeader(h, n.Header))],
            Body = body,
            Threads = Threads is null ? null : (int)AtLeastOne(Threads, n.Threads, "2"),
            Backend = Backend is null ? defaults.Backend
                : LoadBackendNames.TryParse(Backend, out var backend) ? backend
                : throw new PerfNotebooksException($"{n.Backend} '{Backend}' is not a backend; use {LoadBackendNames.Accepted}."),
        };
        LoadSpecRules.Validate(spec);
        return spec;
    }

    /// <summary>Splits "Name: value"; a header without a colon is a user mistake.</summary>
    public static KeyValuePair<string, string> ParseHeader(string text, string option)
    {
        var accepted = $"use \"Name: value\", e.g. {Short(option)} \"Accept: text/plain\".";
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) throw new PerfNotebooksException($"header '{text}' has no colon; {accepted}");
        var header = new KeyValuePair<string, string>(text[..colon].Trim(), text[(colon + 1)..].Trim());
        if (header.Key.Length == 0 || header.Key.Any(c => c <= ' ' || c >= 127))
            throw new PerfNotebooksException($"header '{text}' has no valid name; {accepted}");
        return header;
    }

    private RateProfile? ReadProfile(LoadOptionNames n)
    {
        if (Profile is null) return null;
        if (Rate is not null)
            throw new PerfNotebooksException($"give either {n.Rate} (a constant rate) or {n.Profile} (a rate that changes), not both; e.g. {Short(n.Profile)} spike:base=200,peak=2000,at=5s,for=5s.");
        return RateProfile.Parse(Profile, n.Profile);
    }

    private WebSocketLoad? ReadWebSocket(Uri url, LoadOptionNames n)
    {
        if (Rooms is null && MessageSize is null) return null;
        if (url.Scheme != "ws")
        {
            var (option, example) = Rooms is not null ? (n.Rooms, "broadcast " + Short(n.Rooms) + " 4") : (n.MessageSize, "echo " + Short(n.MessageSize) + " 64");
            throw new PerfNotebooksException($"{option} is for WebSocket targets (ws:// URLs), not '{url}'; e.g. ws://127.0.0.1:8000/ws/{example}.");
        }
        var load = WebSocketLoad.Echo;
        if (Rooms is not null) load = load with { Rooms = (int)AtLeastOne(Rooms, n.Rooms, "4") };
        if (MessageSize is not null)
        {
            var accepted = $"bytes from {WebSocketLoad.MinMessageSize.ToString(CultureInfo.InvariantCulture)} to {WebSocketLoad.MaxMessageSize.ToString(CultureInfo.InvariantCulture)}, e.g. {Short(n.MessageSize)} 64";
            load = load with { MessageSize = int.TryParse(MessageSize, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size) ? size : throw new PerfNotebooksException($"{n.MessageSize} '{MessageSize}' is not a whole number; use {accepted}.") };
        }
        return load;
    }

    private byte[]? ReadBody(LoadOptionNames n)
    {
        if (Body is null) return null;
        if (!Body.StartsWith('@')) return System.Text.Encoding.UTF8.GetBytes(Body);
        var path = Body[1..];
        if (!File.Exists(path)) throw new PerfNotebooksException($"{n.Body} file '{path}' does not exist; use {n.Body} TEXT or {n.Body} @FILE with an existing file.");
        return File.ReadAllBytes(path);
    }

    /// <summary>A whole number of 1 or more (up to <paramref name="max"/>); <paramref name="example"/> shows one after the option's short name.</summary>
    private static long AtLeastOne(string text, string option, string? example, long max = int.MaxValue)
    {
        var accepted = "a whole number of 1 or more" + (example is null ? " (1 = no pipelining)" : $", e.g. {Short(option)} {example}");
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value > max)
            throw new PerfNotebooksException($"{option} '{text}' is not a whole number; use {accepted}.");
        if (value < 1) throw new PerfNotebooksException($"{option} '{text}' is not allowed; use {accepted}.");
        return value;
    }

    private static double PositiveRate(string text, string option)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !double.IsFinite(rate) || rate <= 0)
            throw new PerfNotebooksException($"{option} '{text}' is not allowed; use requests per second above 0, e.g. {Short(option)} 500 (leave it out for closed loop).");
        return rate;
    }

    /// <summary>"-c/--connections" is shown whole and exemplified by its first spelling, "-c".</summary>
    private static string Short(string option) => option.Split('/')[0];
}
