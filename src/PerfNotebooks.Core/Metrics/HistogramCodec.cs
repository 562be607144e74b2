using HdrHistogram;
using HdrHistogram.Utilities;

namespace PerfNotebooks.Metrics;

/// <summary>
/// HdrHistogram's own compressed encoding (V2, deflated): the form .hlog files carry as base64, small
/// enough to keep one per second of a run and to hand a whole histogram from one process to another.
/// </summary>
public static class HistogramCodec
{
    /// <summary>Encodes into HdrHistogram's compressed byte form.</summary>
    public static byte[] Encode(HistogramBase histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        // ByteBuffer keeps its array to itself (ToArray is internal in 2.5.0): read the bytes back out.
        var bytes = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < length; i++) bytes[i] = buffer.Get();
        return bytes;
    }

    /// <summary>Decodes what <see cref="Encode"/> (or another HdrHistogram implementation) wrote.</summary>
    public static HistogramBase Decode(byte[] compressed)
        => HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(compressed), 0);
}
