namespace PerfNotebooks.Load.EventLoops;

/// <summary>Where a <see cref="Connection"/> is in its cycle; each state has one callback that moves it on.</summary>
internal enum ConnectionState
{
    /// <summary>No socket: after a failure (waiting out a back-off) or before the first open.</summary>
    Closed,

    /// <summary>Queued behind the loop's bound on connects in flight.</summary>
    WaitingToConnect,

    /// <summary>Connect issued; <see cref="Connection.OnConnected"/> ends it.</summary>
    Connecting,

    /// <summary>Open with no request outstanding: about to send, or waiting for its next intended send time.</summary>
    Idle,

    /// <summary>A batch is being written (the socket's buffer was full); the request is outstanding.</summary>
    Sending,

    /// <summary>The batch is written; reading its responses.</summary>
    AwaitingResponse,

    /// <summary>Done for this run (a request-count run's budget is spent).</summary>
    Finished,
}
