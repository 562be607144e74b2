using System.Globalization;

namespace PerfNotebooks.Load;

/// <summary>
/// How a ws:// run talks once upgraded. Echo (<see cref="Rooms"/> null): each client sends a message and reads it back,
/// closed loop or at the spec's rate. Broadcast (<see cref="Rooms"/> = M): client i joins room i mod M (the URL's
/// <c>room</c> query parameter), sends at the spec's rate (or <see cref="DefaultBroadcastRatePerClient"/> each) and
/// receives every other client's messages of its room; each receipt is a delivery, timed from the intended send time.
/// </summary>
public sealed record WebSocketLoad
{
    /// <summary>The shortest message (the load message's own fields).</summary>
    public const int MinMessageSize = WebSockets.WebSocketLoadMessage.MinLength;

    /// <summary>The longest message this mode sends.</summary>
    public const int MaxMessageSize = 64 * 1024;

    /// <summary>Messages per second each broadcast client sends when the spec sets no rate.</summary>
    public const double DefaultBroadcastRatePerClient = 10;

    /// <summary>Echo: one client, its own messages back.</summary>
    public static WebSocketLoad Echo { get; } = new();

    /// <summary>Rooms of a broadcast (chat) run; null: echo.</summary>
    public int? Rooms { get; init; }

    /// <summary>Bytes of each message's payload (text; at least <see cref="MinMessageSize"/>).</summary>
    public int MessageSize { get; init; } = 64;

    /// <summary>"echo" or "broadcast".</summary>
    public string Mode => Rooms is null ? "echo" : "broadcast";

    /// <summary>The URL a client of <paramref name="room"/> opens: <paramref name="url"/> with <c>room=N</c> set (none for echo).</summary>
    public static Uri UrlFor(Uri url, int? room)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (room is null) return url;
        var query = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("room=", StringComparison.Ordinal))
            .Append("room=" + room.Value.ToString(CultureInfo.InvariantCulture));
        return new UriBuilder(url) { Query = string.Join('&', query) }.Uri;
    }
}
