namespace PerfNotebooks.Load;

/// <summary>
/// What a ws:// run's clients sent and received in the measured window. Echo: <see cref="Received"/> counts echoes
/// back (each a completed "request" of the summary). Broadcast: it counts deliveries, one per message per other
/// client of the sender's room that got it; <see cref="DeliveriesDue"/> is how many the sent messages owed
/// (sent x the others in each sender's room), so <see cref="DeliveredShare"/> says what got lost or came late.
/// </summary>
public sealed record WebSocketMessages
{
    /// <summary>"echo" or "broadcast".</summary>
    public required string Mode { get; init; }

    /// <summary>Broadcast rooms; null for echo.</summary>
    public int? Rooms { get; init; }

    /// <summary>Payload bytes of each message.</summary>
    public required int Size { get; init; }

    /// <summary>Messages sent.</summary>
    public required long Sent { get; init; }
    /// <summary>Messages received.</summary>
    public required long Received { get; init; }

    /// <summary>Broadcast: deliveries the sent messages owed; echo: <see cref="Sent"/>.</summary>
    public required long DeliveriesDue { get; init; }

    /// <summary>Received per second of the measured window.</summary>
    public required double ReceivedPerSecond { get; init; }

    /// <summary>Received over due (NaN when nothing was due).</summary>
    public double DeliveredShare => DeliveriesDue == 0 ? double.NaN : Received / (double)DeliveriesDue;
}
