namespace PerfNotebooks.Load.WebSockets;

/// <summary>
/// The text of every message the load generator sends: "perfnb " + the send time (Stopwatch ticks, 16 hex digits)
/// + " " + the sender (8 hex digits) + " " + its number (8 hex digits), padded with 'x' to the message size. The
/// generator and the receivers share one clock, so a receiver knows how long the message took, echoed or
/// broadcast, and whose it was. ASCII, so valid UTF-8 text; written and read without allocation.
/// </summary>
public static class WebSocketLoadMessage
{
    /// <summary>The shortest message: the prefix and the three fields with their spaces.</summary>
    public const int MinLength = 7 + 16 + 1 + 8 + 1 + 8;

    private static ReadOnlySpan<byte> Prefix => "perfnb "u8;
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>Writes a message of <paramref name="destination"/>'s length (at least <see cref="MinLength"/>).</summary>
    public static void Write(Span<byte> destination, long sentTicks, uint sender, uint number)
    {
        if (destination.Length < MinLength) throw new ArgumentException($"a load message is at least {MinLength} bytes", nameof(destination));
        Prefix.CopyTo(destination);
        Hex(destination.Slice(7, 16), (ulong)sentTicks);
        destination[23] = (byte)' ';
        Hex(destination.Slice(24, 8), sender);
        destination[32] = (byte)' ';
        Hex(destination.Slice(33, 8), number);
        destination[MinLength..].Fill((byte)'x');
    }

    /// <summary>Reads the fields back from a message's first bytes; false when they are not a load message.</summary>
    public static bool TryRead(ReadOnlySpan<byte> head, out long sentTicks, out uint sender, out uint number)
    {
        sentTicks = 0;
        sender = number = 0;
        if (head.Length < MinLength || !head.StartsWith(Prefix) || head[23] != ' ' || head[32] != ' ') return false;
        if (!TryHex(head.Slice(7, 16), out var ticks) || !TryHex(head.Slice(24, 8), out var s) || !TryHex(head.Slice(33, 8), out var n)) return false;
        sentTicks = (long)ticks;
        sender = (uint)s;
        number = (uint)n;
        return true;
    }

    private static void Hex(Span<byte> destination, ulong value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = HexDigits[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out ulong value)
    {
        value = 0;
        foreach (var d in digits)
        {
            var v = d >= '0' && d <= '9' ? d - '0' : d >= 'a' && d <= 'f' ? d - 'a' + 10 : -1;
            if (v < 0) return false;
            value = (value << 4) | (uint)v;
        }
        return true;
    }
}
