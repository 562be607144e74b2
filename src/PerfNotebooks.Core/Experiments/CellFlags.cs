namespace PerfNotebooks.Experiments;

/// <summary>
/// Marks on a cell whose number needs a second look. A marked cell is kept, never dropped: a server
/// that died under load is itself a result.
/// </summary>
public static class CellFlags
{
    /// <summary>The server would not start; the cell has no measurement, its note says why.</summary>
    public const string StartFailed = "start-failed";

    /// <summary>The server's process exited during the cell.</summary>
    public const string ServerDied = "server-died";

    /// <summary>The generator, not the server, set the pace (ClientAudit.Saturated).</summary>
    public const string ClientSaturated = "client-saturated";

    /// <summary>More than 1% of requests failed.</summary>
    public const string Errors = "errors";

    /// <summary>
    /// Constant rate: the achieved rate stayed below 95% of the target (LoadResult.MissedTargetRate); the
    /// latencies describe a server that fell behind, not one serving the asked rate.
    /// </summary>
    public const string RateMissed = "rate-missed";

    /// <summary>Not one request completed.</summary>
    public const string NoRequests = "no-requests";
}
