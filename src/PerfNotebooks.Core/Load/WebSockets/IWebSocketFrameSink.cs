namespace PerfNotebooks.Load.WebSockets;

/// <summary>What a <see cref="WebSocketFrameReader"/> hands on as frames complete: whole messages, pings, pongs, a close.</summary>
public interface IWebSocketFrameSink
{
    /// <summary>
    /// A complete data message (one frame, or a fragmented one put together): its opcode (text or binary),
    /// its length, and its first bytes (up to <see cref="WebSocketFrameReader.HeadCapacity"/>), valid during the call.
    /// </summary>
    void OnMessage(WebSocketOpcode opcode, long length, ReadOnlySpan<byte> head);

    /// <summary>A ping: the client answers with a pong carrying <paramref name="payload"/> (valid during the call).</summary>
    void OnPing(ReadOnlySpan<byte> payload);

    /// <summary>A pong (an answer to a ping, or unsolicited).</summary>
    void OnPong(ReadOnlySpan<byte> payload);

    /// <summary>A close frame: its status code, or 1005 when it carries none.</summary>
    void OnClose(int code);
}
