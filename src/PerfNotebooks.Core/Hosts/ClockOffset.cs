namespace PerfNotebooks.Hosts;

/// <summary>
/// How far a host's wall clock is from this machine's, measured NTP-style over SSH: the remote clock read
/// <see cref="Offset"/> ahead of ours (negative: behind), give or take <see cref="ErrorBound"/>. The bound is
/// half the round trip of the exchange the offset came from, and holds whatever the asymmetry of the path:
/// the remote reading was taken somewhere inside that round trip.
/// </summary>
/// <param name="Offset">Remote clock minus local clock.</param>
/// <param name="ErrorBound">The true offset lies within Offset ± ErrorBound (half of <paramref name="RoundTrip"/>).</param>
/// <param name="RoundTrip">The shortest round trip of all exchanges, the one the offset was taken from.</param>
/// <param name="Exchanges">How many round trips were made.</param>
/// <param name="MeasuredAt">When (local wall clock) the chosen exchange was made.</param>
public sealed record ClockOffset(TimeSpan Offset, TimeSpan ErrorBound, TimeSpan RoundTrip, int Exchanges, DateTimeOffset MeasuredAt)
{
    /// <summary>This machine against itself.</summary>
    public static ClockOffset Local { get; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0, default);

    /// <summary>A local wall-clock time expressed on the host's clock.</summary>
    public DateTimeOffset ToRemote(DateTimeOffset local) => local + Offset;
}
