namespace PerfNotebooks.Load.EventLoops;

/// <summary>Why a request got no complete response (or a connection could not be opened).</summary>
internal enum FailureClass
{
    /// <summary>The connection could not be opened (refused, unreachable, no descriptor left, or not within the timeout).</summary>
    Connect,

    /// <summary>The server closed the connection (EOF) before the response was complete, or a read failed.</summary>
    Read,

    /// <summary>The connection was reset (ECONNRESET) before the response was complete.</summary>
    Reset,

    /// <summary>Sending the request failed.</summary>
    Write,

    /// <summary>No complete response within the timeout.</summary>
    Timeout,

    /// <summary>The bytes received are not a valid HTTP/1.x response.</summary>
    Protocol,
}
