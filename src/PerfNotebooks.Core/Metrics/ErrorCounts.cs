namespace PerfNotebooks.Metrics;

/// <summary>
/// Failed requests by class. Every request that got no complete 2xx response is counted in exactly one
/// class, also when the engine reconnected afterwards. A non-2xx response is never a success: it is counted
/// per status code in <see cref="Status"/> and in <see cref="Total"/>.
/// </summary>
public sealed record ErrorCounts
{
    /// <summary>The connection could not be opened (refused, no route, timed out, no file descriptor left).</summary>
    public long Connect { get; init; }

    /// <summary>The server closed the connection (EOF) before or within the response.</summary>
    public long Read { get; init; }

    /// <summary>The server reset the connection (TCP RST) before or within the response. wrk counts these as read errors.</summary>
    public long Reset { get; init; }

    /// <summary>The request could not be sent.</summary>
    public long Write { get; init; }

    /// <summary>No complete response within the timeout.</summary>
    public long Timeout { get; init; }

    /// <summary>The bytes were not a valid HTTP/1.x response (garbage, a malformed head, bad framing).</summary>
    public long Protocol { get; init; }

    /// <summary>Non-2xx responses by status code.</summary>
    public IReadOnlyDictionary<int, long> Status { get; init; } = new Dictionary<int, long>();

    /// <summary>Errors of every class.</summary>
    public long Total => Connect + Read + Reset + Write + Timeout + Protocol + Status.Values.Sum();

    /// <summary>Failures of the socket or the protocol (every class but <see cref="Status"/>).</summary>
    public long Socket => Connect + Read + Reset + Write + Timeout + Protocol;

    /// <summary>No errors.</summary>
    public static ErrorCounts None { get; } = new();
}
