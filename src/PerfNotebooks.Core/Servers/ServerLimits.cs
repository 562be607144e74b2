using System.Globalization;

namespace PerfNotebooks.Servers;

/// <summary>
/// Limits a server sets on itself that cap how many connections it can hold, raised for a run with thousands
/// of connections. Null fields leave the server's own default (<see cref="ServerCapacity"/> says what it is).
/// Part of the <see cref="StackSpec"/>, so run.json records what every server was started with.
/// </summary>
public sealed record ServerLimits
{
    /// <summary>
    /// The listen backlog the server asks for: connections the kernel completes and queues until the server
    /// accepts them. The kernel silently caps it at net.core.somaxconn.
    /// </summary>
    public int? Backlog { get; init; }

    /// <summary>Green-thread servers (gunicorn's gevent workers): the clients one worker serves at once (gunicorn's default 1000).</summary>
    public int? WorkerConnections { get; init; }

    /// <summary>
    /// The open-file limit (RLIMIT_NOFILE, soft) of the server's processes: every connection is a file
    /// descriptor. Set by the launcher (prlimit) before the server starts; above the launcher's own hard
    /// limit only root may raise it, so it is capped there otherwise.
    /// </summary>
    public int? OpenFiles { get; init; }

    /// <summary>Descriptors a server needs beyond its connections (its listening socket, logs, Python's own files, workers' pipes).</summary>
    public const int OpenFilesReserve = 1024;

    /// <summary>
    /// Limits for holding <paramref name="connections"/> connections at once: a backlog as long as the
    /// connections (the kernel may cap it), that many gevent clients per worker, and that many descriptors
    /// per process plus <see cref="OpenFilesReserve"/>.
    /// </summary>
    public static ServerLimits For(int connections)
    {
        if (connections < 1) throw new ArgumentOutOfRangeException(nameof(connections), connections, "at least one connection");
        return new ServerLimits
        {
            Backlog = Math.Max(connections, 128),
            WorkerConnections = connections,
            OpenFiles = connections + OpenFilesReserve,
        };
    }

    /// <summary>"backlog 10000, worker connections 10000, open files 11024" (only the fields set).</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Backlog is { } b) parts.Add("backlog " + b.ToString(CultureInfo.InvariantCulture));
        if (WorkerConnections is { } w) parts.Add("worker connections " + w.ToString(CultureInfo.InvariantCulture));
        if (OpenFiles is { } f) parts.Add("open files " + f.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "server defaults" : string.Join(", ", parts);
    }
}
