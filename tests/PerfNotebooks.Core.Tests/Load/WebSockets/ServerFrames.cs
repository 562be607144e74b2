using System.Buffers.Binary;
using PerfNotebooks.Load.WebSockets;

namespace PerfNotebooks.Core.Tests.Load.WebSockets;

/// <summary>Server frames (unmasked) as bytes, for feeding the reader; and a sink that records what the reader told it.</summary>
internal static class ServerFrames
{
    public static byte[] Frame(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool fin = true, byte firstByteExtra = 0, bool masked = false)
    {
        var length = payload.Length;
        var header = 2 + (length <= 125 ? 0 : length <= ushort.MaxValue ? 2 : 8) + (masked ? 4 : 0);
        var bytes = new byte[header + length];
        bytes[0] = (byte)((fin ? 0x80 : 0) | (byte)opcode | firstByteExtra);
        var mask = masked ? 0x80 : 0;
        if (length <= 125) bytes[1] = (byte)(mask | length);
        else if (length <= ushort.MaxValue)
        {
            bytes[1] = (byte)(mask | 126);
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)length);
        }
        else
        {
            bytes[1] = (byte)(mask | 127);
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(2), (ulong)length);
        }
        payload.CopyTo(bytes.AsSpan(header));
        return bytes;
    }
}

/// <summary>Records every message, ping, pong and close a reader reports.</summary>
internal sealed class RecordingSink : IWebSocketFrameSink
{
    public List<(WebSocketOpcode Opcode, long Length, byte[] Head)> Messages { get; } = [];
    public List<byte[]> Pings { get; } = [];
    public List<byte[]> Pongs { get; } = [];
    public List<int> Closes { get; } = [];

    public void OnMessage(WebSocketOpcode opcode, long length, ReadOnlySpan<byte> head) => Messages.Add((opcode, length, head.ToArray()));
    public void OnPing(ReadOnlySpan<byte> payload) => Pings.Add(payload.ToArray());
    public void OnPong(ReadOnlySpan<byte> payload) => Pongs.Add(payload.ToArray());
    public void OnClose(int code) => Closes.Add(code);
}

/// <summary>A sink that keeps counts only: nothing it does allocates.</summary>
internal sealed class CountingSink : IWebSocketFrameSink
{
    public long Messages;
    public long Bytes;
    public long Pings;

    public void OnMessage(WebSocketOpcode opcode, long length, ReadOnlySpan<byte> head)
    {
        Messages++;
        Bytes += length;
    }

    public void OnPing(ReadOnlySpan<byte> payload) => Pings++;
    public void OnPong(ReadOnlySpan<byte> payload) { }
    public void OnClose(int code) { }
}
