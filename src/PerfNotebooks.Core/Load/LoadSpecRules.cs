using System.Globalization;

namespace PerfNotebooks.Load;

/// <summary>
/// Checks a <see cref="LoadSpec"/> before anything is opened, so a bad value is one clear line
/// (<see cref="PerfNotebooksException"/>) naming what is accepted, not a socket error later.
/// </summary>
public static class LoadSpecRules
{
    /// <summary>Throws a <see cref="PerfNotebooksException"/> for the first thing wrong with <paramref name="spec"/>.</summary>
    public static void Validate(LoadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ValidateUrl(spec.Url);
        if (spec.Connections < 1) throw new PerfNotebooksException($"connections {spec.Connections.ToString(CultureInfo.InvariantCulture)} is not allowed; use a whole number of 1 or more.");
        if (spec.Pipeline < 1) throw new PerfNotebooksException($"pipeline depth {spec.Pipeline.ToString(CultureInfo.InvariantCulture)} is not allowed; use a whole number of 1 or more (1 = no pipelining).");
        if (spec.Threads is { } threads && threads < 1) throw new PerfNotebooksException($"threads {threads.ToString(CultureInfo.InvariantCulture)} is not allowed; use a whole number of 1 or more (leave it out for one per processor).");
        if (!Enum.IsDefined(spec.Backend)) throw new PerfNotebooksException($"backend {(int)spec.Backend} is not one; use {LoadBackendNames.Accepted}.");
        if (spec.Requests is { } requests && requests < 1) throw new PerfNotebooksException($"request count {requests.ToString(CultureInfo.InvariantCulture)} is not allowed; use a whole number of 1 or more.");
        if (spec.Rate is { } rate && (double.IsNaN(rate) || double.IsInfinity(rate) || rate <= 0))
            throw new PerfNotebooksException($"rate {rate.ToString(CultureInfo.InvariantCulture)} is not allowed; use a number of requests per second above 0 (leave it out for closed loop).");
        if (spec.Profile is not null && spec.Rate is not null)
            throw new PerfNotebooksException("give a rate or a rate profile, not both (a profile sets the rate second by second).");
        if (spec.WebSocket is { } ws)
        {
            if (!spec.IsWebSocket) throw new PerfNotebooksException($"WebSocket options need a ws:// URL, not '{spec.Url}'.");
            if (ws.MessageSize < WebSocketLoad.MinMessageSize || ws.MessageSize > WebSocketLoad.MaxMessageSize)
                throw new PerfNotebooksException($"message size {ws.MessageSize.ToString(CultureInfo.InvariantCulture)} is not allowed; use {WebSocketLoad.MinMessageSize.ToString(CultureInfo.InvariantCulture)} to {WebSocketLoad.MaxMessageSize.ToString(CultureInfo.InvariantCulture)} bytes.");
            if (ws.Rooms is { } rooms && (rooms < 1 || spec.Connections < 2 * rooms))
                throw new PerfNotebooksException($"{rooms.ToString(CultureInfo.InvariantCulture)} room(s) need at least two clients each; {spec.Connections.ToString(CultureInfo.InvariantCulture)} connection(s) is too few.");
        }
        if (spec.IsWebSocket && spec.Pipeline != 1)
            throw new PerfNotebooksException("a WebSocket client has one message outstanding at a time; leave the pipeline depth at 1.");
        if (spec.Requests is null && spec.Duration <= TimeSpan.Zero) throw new PerfNotebooksException("duration must be above 0; use " + Duration.AcceptedForms + ".");
        if (spec.Warmup < TimeSpan.Zero) throw new PerfNotebooksException("warm-up must not be negative; use " + Duration.AcceptedForms + ".");
        if (spec.Timeout <= TimeSpan.Zero) throw new PerfNotebooksException("timeout must be above 0; use " + Duration.AcceptedForms + ".");
        if (string.IsNullOrWhiteSpace(spec.Method) || spec.Method.Any(c => c <= ' ' || c >= 127))
            throw new PerfNotebooksException($"method '{spec.Method}' is not an HTTP method; use a token such as GET or POST.");
        foreach (var (name, value) in spec.Headers)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c >= 127 || c == ':'))
                throw new PerfNotebooksException($"header name '{name}' is not valid; use \"Name: value\".");
            if (value.Contains('\r') || value.Contains('\n'))
                throw new PerfNotebooksException($"header '{name}' has a line break in its value; use \"Name: value\" on one line.");
        }
    }

    /// <summary>Only plain-HTTP and plain-WebSocket absolute URLs with a host are accepted (no TLS).</summary>
    public static void ValidateUrl(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || string.IsNullOrEmpty(url.Host))
            throw new PerfNotebooksException($"URL '{url}' has no host; use an absolute http URL such as http://127.0.0.1:8000/plaintext.");
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != "ws")
            throw new PerfNotebooksException($"URL '{url}' uses {url.Scheme}; only http:// and ws:// are supported, e.g. http://127.0.0.1:8000/plaintext or ws://127.0.0.1:8000/ws/echo.");
    }

    /// <summary>Parses a URL the way the CLI and the notebook accept it.</summary>
    public static Uri ParseUrl(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url))
            throw new PerfNotebooksException($"URL '{text}' does not parse as an absolute URL (a port is 1 to 65535); use one such as http://127.0.0.1:8000/plaintext.");
        if (string.IsNullOrEmpty(url.Host))
            throw new PerfNotebooksException($"URL '{text}' has no host; use an absolute http URL such as http://127.0.0.1:8000/plaintext.");
        ValidateUrl(url);
        return url;
    }
}
