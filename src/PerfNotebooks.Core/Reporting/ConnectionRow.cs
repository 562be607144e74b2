namespace PerfNotebooks.Reporting;

/// <summary>
/// One condition of the connections block: a stack holding many connections, each waiting on /io?ms=N.
/// Means over the repetitions (req/s as a geometric mean); latencies in ms, memory in kB per open connection.
/// </summary>
public sealed record ConnectionRow
{
    /// <summary>The stack.</summary>
    public required string Stack { get; init; }
    /// <summary>The endpoint.</summary>
    public required string Endpoint { get; init; }
    /// <summary>Connections held open.</summary>
    public required int Connections { get; init; }

    /// <summary>The most req/s the connections can ask for: connections / wait (closed loop); NaN when the endpoint has no wait.</summary>
    public required double IdealRps { get; init; }

    /// <summary>Requests per second served (geometric mean).</summary>
    public required double Rps { get; init; }

    /// <summary>Served req/s over <see cref="IdealRps"/>: 1 = every connection served as fast as its wait allows.</summary>
    public double ShareOfIdeal => double.IsNaN(IdealRps) || IdealRps <= 0 ? double.NaN : Rps / IdealRps;

    /// <summary>p50 latency (ms).</summary>
    public required double P50Ms { get; init; }
    /// <summary>p99 latency (ms).</summary>
    public required double P99Ms { get; init; }

    /// <summary>Failed requests over attempts (mean over repetitions).</summary>
    public required double ErrorRate { get; init; }

    /// <summary>Errors by class, summed over the repetitions.</summary>
    public required long ConnectErrors { get; init; }
    /// <summary>Timeouts, summed over the repetitions.</summary>
    public required long Timeouts { get; init; }
    /// <summary>Connections the server closed, summed over the repetitions.</summary>
    public required long ClosedByServer { get; init; }

    /// <summary>Server memory per open connection, kB (mean over repetitions); NaN when unknown.</summary>
    public required double MemoryPerConnectionKb { get; init; }

    /// <summary>The server limits the stack was started with ("backlog 10000, worker connections 10000, open files 11024").</summary>
    public required string Limits { get; init; }

    /// <summary>Which limit and why, when connections were refused or timed out (<see cref="ConnectionLimitNotes"/>); empty otherwise.</summary>
    public required string Note { get; init; }
}
