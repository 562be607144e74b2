using System.Buffers.Binary;

namespace PerfNotebooks.Load.WebSockets;

/// <summary>
/// Writes client frames (RFC 6455 section 5.2): FIN, the opcode, the MASK bit (a client masks every frame), the
/// payload length in 7, 7+16 or 7+64 bits, the 4-byte masking key, the masked payload. Into the caller's
/// buffer, no allocation; the payload can be written in place first and masked where it lies.
/// </summary>
public static class WebSocketFrameWriter
{
    /// <summary>The longest client frame header: 2 bytes, 8 of extended length, 4 of masking key.</summary>
    public const int MaxHeaderLength = 14;

    /// <summary>The longest payload of a control frame (ping, pong, close).</summary>
    public const int MaxControlPayload = 125;

    /// <summary>The header length of a masked frame carrying <paramref name="payloadLength"/> bytes.</summary>
    public static int HeaderLength(long payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        return 2 + (payloadLength <= 125 ? 0 : payloadLength <= ushort.MaxValue ? 2 : 8) + 4;
    }

    /// <summary>
    /// Writes a whole frame: the header, then <paramref name="payload"/> masked with <paramref name="maskKey"/>.
    /// Returns the bytes written; <paramref name="destination"/> must hold <see cref="HeaderLength"/> + the payload.
    /// </summary>
    public static int Write(Span<byte> destination, WebSocketOpcode opcode, ReadOnlySpan<byte> payload, uint maskKey, bool fin = true)
    {
        if (destination.Length < HeaderLength(payload.Length) + payload.Length)
            throw new ArgumentException("the destination is too small for the frame", nameof(destination));
        var header = WriteHeader(destination, opcode, payload.Length, maskKey, fin);
        payload.CopyTo(destination[header..]);
        WebSocketMask.Apply(destination.Slice(header, payload.Length), maskKey);
        return header + payload.Length;
    }

    /// <summary>
    /// The zero-copy form: the payload already lies in <paramref name="frame"/> at offset
    /// <see cref="HeaderLength"/>(<paramref name="payloadLength"/>); writes the header before it and masks it in
    /// place. Returns the frame's length.
    /// </summary>
    public static int WriteInPlace(Span<byte> frame, WebSocketOpcode opcode, int payloadLength, uint maskKey, bool fin = true)
    {
        var header = WriteHeader(frame, opcode, payloadLength, maskKey, fin);
        WebSocketMask.Apply(frame.Slice(header, payloadLength), maskKey);
        return header + payloadLength;
    }

    /// <summary>Writes the header only (the masking key included) and returns its length.</summary>
    public static int WriteHeader(Span<byte> destination, WebSocketOpcode opcode, long payloadLength, uint maskKey, bool fin = true)
    {
        if (opcode >= WebSocketOpcode.Close && (payloadLength > MaxControlPayload || !fin))
            throw new ArgumentException($"a control frame carries at most {MaxControlPayload} bytes and is never fragmented", nameof(payloadLength));
        var length = HeaderLength(payloadLength);
        if (destination.Length < length)
            throw new ArgumentException("the destination is too small for the frame header", nameof(destination));
        destination[0] = (byte)((fin ? 0x80 : 0) | (byte)opcode);
        int at;
        if (payloadLength <= 125)
        {
            destination[1] = (byte)(0x80 | payloadLength);
            at = 2;
        }
        else if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
            at = 4;
        }
        else
        {
            destination[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payloadLength);
            at = 10;
        }
        BinaryPrimitives.WriteUInt32BigEndian(destination[at..], maskKey);
        return at + 4;
    }

    /// <summary>A close frame's payload: the status code (big-endian) and no reason (some servers mishandle a reason).</summary>
    public static int WriteClose(Span<byte> destination, ushort code, uint maskKey)
    {
        Span<byte> payload = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        return Write(destination, WebSocketOpcode.Close, payload, maskKey);
    }
}
