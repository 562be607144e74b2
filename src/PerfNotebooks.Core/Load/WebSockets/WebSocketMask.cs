using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace PerfNotebooks.Load.WebSockets;

/// <summary>
/// RFC 6455 masking (section 5.3): byte i of the payload XOR byte (i mod 4) of the 32-bit masking key, the key's
/// bytes in the order they go on the wire. Applying it twice restores the payload. In place, no allocation,
/// eight (or a vector of) bytes at a time.
/// </summary>
public static class WebSocketMask
{
    /// <summary>
    /// Masks (or unmasks) <paramref name="data"/> in place with <paramref name="key"/> (its bytes in wire order,
    /// big-endian), starting at key byte <paramref name="offset"/> mod 4 (a payload masked in pieces).
    /// </summary>
    public static void Apply(Span<byte> data, uint key, int offset = 0)
    {
        Span<byte> keyBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(keyBytes, key);
        var shift = offset & 3;
        // The key rotated so that data[0] meets key byte `shift`, repeated over 8 bytes (in memory order).
        Span<byte> pattern = stackalloc byte[8];
        for (var i = 0; i < 8; i++) pattern[i] = keyBytes[(i + shift) & 3];
        var i8 = 0;
        if (Vector.IsHardwareAccelerated && data.Length >= Vector<byte>.Count)
        {
            Span<byte> wide = stackalloc byte[Vector<byte>.Count];
            for (var i = 0; i < wide.Length; i++) wide[i] = pattern[i & 7];
            var mask = new Vector<byte>(wide);
            var vectors = MemoryMarshal.Cast<byte, Vector<byte>>(data);
            for (var v = 0; v < vectors.Length; v++) vectors[v] ^= mask;
            i8 = vectors.Length * Vector<byte>.Count;
        }
        var word = MemoryMarshal.Read<ulong>(pattern);
        var words = MemoryMarshal.Cast<byte, ulong>(data[i8..]);
        for (var w = 0; w < words.Length; w++) words[w] ^= word;
        for (var i = i8 + words.Length * 8; i < data.Length; i++) data[i] ^= pattern[i & 7];
    }
}
