namespace PerfNotebooks.Load.WebSockets;

/// <summary>Why the bytes a server sent are not a valid stream of server frames (RFC 6455 sections 5.1-5.5).</summary>
public enum WebSocketProtocolError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>A server frame with the MASK bit set (servers must not mask).</summary>
    MaskedServerFrame,

    /// <summary>RSV1-3 set without an extension that defines them (none was negotiated).</summary>
    ReservedBits,

    /// <summary>An opcode RFC 6455 does not define.</summary>
    UnknownOpcode,

    /// <summary>A control frame longer than 125 bytes, or fragmented.</summary>
    BadControlFrame,

    /// <summary>A continuation frame with no message to continue, or a new data frame inside a fragmented message.</summary>
    BadFragmentation,

    /// <summary>A 64-bit length with its most significant bit set, or a length not in its shortest form.</summary>
    BadLength,

    /// <summary>A close frame whose payload is one byte long.</summary>
    BadClosePayload,
}
