namespace PerfNotebooks.Experiments;

/// <summary>
/// Marks on a cell whose number needs a second look. A marked cell is kept, never dropped: a server
/// that died under load is itself a result, stored with its reason; the <see cref="Failures"/> among
/// them make the cell failed, so that a resume measures it again.
/// </summary>
public static class CellFlags
{
    /// <summary>The server would not start; the cell has no measurement, its note says why.</summary>
    public const string StartFailed = "start-failed";

    /// <summary>The server's leading process exited during the cell.</summary>
    public const string ServerDied = "server-died";

    /// <summary>A process of the server's tree (a worker) exited during the cell while the server lived on.</summary>
    public const string WorkerDied = "worker-died";

    /// <summary>The load run itself failed (e.g. the child generator crashed); the note says why.</summary>
    public const string LoadFailed = "load-failed";

    /// <summary>A host of a distributed run (the server's or a load host) was lost during the cell; the note names it.</summary>
    public const string HostLost = "host-lost";

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

    /// <summary>
    /// The flags that make a cell failed: it holds no trustworthy measurement, statistics leave it out, and
    /// a resume measures it again. The others mark a measurement that needs a second look.
    /// </summary>
    public static IReadOnlySet<string> Failures { get; } = new HashSet<string>(StringComparer.Ordinal) { StartFailed, ServerDied, WorkerDied, LoadFailed, NoRequests, HostLost };
}
