namespace PerfNotebooks.Metrics;

/// <summary>
/// Failed requests by class. A non-2xx response is never a success: it is counted per status code in
/// <see cref="Status"/> and in <see cref="Total"/>.
/// </summary>
public sealed record ErrorCounts
{
    public long Connect { get; init; }
    public long Read { get; init; }
    public long Write { get; init; }
    public long Timeout { get; init; }
    public long Protocol { get; init; }

    /// <summary>Non-2xx responses by status code.</summary>
    public IReadOnlyDictionary<int, long> Status { get; init; } = new Dictionary<int, long>();

    public long Total => Connect + Read + Write + Timeout + Protocol + Status.Values.Sum();

    public static ErrorCounts None { get; } = new();
}
