using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PerfNotebooks.Load.WebSockets;

/// <summary>
/// Masking keys for one connection: xorshift32 seeded from the operating system's random source. RFC 6455 asks
/// clients for unpredictable keys so that a hostile script in a browser cannot steer the bytes a proxy sees;
/// a load generator talking to its own servers needs a key per frame at no cost, and the server cannot tell.
/// </summary>
public struct MaskKeySource
{
    private uint _state;

    /// <summary>A source with a fresh random seed.</summary>
    public static MaskKeySource Create()
    {
        Span<byte> bytes = stackalloc byte[4];
        RandomNumberGenerator.Fill(bytes);
        return new MaskKeySource { _state = Seed(BinaryPrimitives.ReadUInt32LittleEndian(bytes)) };
    }

    /// <summary>A source with a given seed (tests).</summary>
    public static MaskKeySource FromSeed(uint seed) => new() { _state = Seed(seed) };

    /// <summary>The next key.</summary>
    public uint Next()
    {
        var x = _state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _state = x;
        return x;
    }

    // xorshift never leaves 0; any other seed cycles through all 2^32 - 1 non-zero states.
    private static uint Seed(uint seed) => seed == 0 ? 0x9E3779B9u : seed;
}
