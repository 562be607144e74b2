namespace PerfNotebooks.Load.WebSockets;

/// <summary>Where reading a server's answer to an opening handshake stands.</summary>
public enum WebSocketHandshakeOutcome
{
    /// <summary>The answer's head is not complete yet.</summary>
    NeedMore,

    /// <summary>101 Switching Protocols with a valid Upgrade, Connection and Sec-WebSocket-Accept: frames follow.</summary>
    Upgraded,

    /// <summary>The server answered with another status (it does not serve WebSocket there).</summary>
    Refused,

    /// <summary>A 101 that fails validation (wrong accept key, missing Upgrade or Connection, an extension not asked for), or no HTTP at all.</summary>
    Invalid,
}
