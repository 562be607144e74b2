namespace PerfNotebooks.Load.WebSockets;

/// <summary>The frame opcodes of RFC 6455 (section 5.2).</summary>
public enum WebSocketOpcode : byte
{
    /// <summary>A continuation frame.</summary>
    Continuation = 0x0,
    /// <summary>A text frame.</summary>
    Text = 0x1,
    /// <summary>A binary frame.</summary>
    Binary = 0x2,
    /// <summary>A close frame.</summary>
    Close = 0x8,
    /// <summary>A ping.</summary>
    Ping = 0x9,
    /// <summary>A pong.</summary>
    Pong = 0xA,
}
