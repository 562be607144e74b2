namespace PerfNotebooks.Load.EventLoops;

/// <summary>
/// What one event loop counted in the measured window. Written only by the loop's thread (plain fields, no atomics on
/// the hot path); the monitor reads them racily for progress and the timeline, and exactly once the loop has ended.
/// </summary>
internal sealed class LoopCounters
{
    /// <summary>Responses received (any status).</summary>
    public long Requests;

    /// <summary>Responses with a 2xx status.</summary>
    public long Successes;

    /// <summary>Connections re-opened after a close that is not an error.</summary>
    public long Reconnects;

    /// <summary>WebSocket: messages sent in the measured window.</summary>
    public long MessagesSent;

    /// <summary>WebSocket broadcast: deliveries the messages sent in the window owe (each to the other clients of its room).</summary>
    public long DeliveriesDue;

    /// <summary>Responses outside the measured window (warm-up), for the progress rate only.</summary>
    public long WarmupResponses;

    public long Connect;
    public long Read;
    public long Reset;
    public long Write;
    public long Timeout;
    public long Protocol;

    /// <summary>Non-2xx responses by status code (codes 0-599; others are counted in <see cref="Requests"/> only).</summary>
    public readonly long[] Status = new long[600];

    /// <summary>Failed requests of every class plus non-2xx responses.</summary>
    public long Errors => Connect + Read + Reset + Write + Timeout + Protocol + (Requests - Successes);

    public void Add(FailureClass failure, long count)
    {
        switch (failure)
        {
            case FailureClass.Connect: Connect += count; break;
            case FailureClass.Read: Read += count; break;
            case FailureClass.Reset: Reset += count; break;
            case FailureClass.Write: Write += count; break;
            case FailureClass.Timeout: Timeout += count; break;
            case FailureClass.Protocol: Protocol += count; break;
        }
    }
}
