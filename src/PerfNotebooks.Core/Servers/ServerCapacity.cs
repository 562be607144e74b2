namespace PerfNotebooks.Servers;

/// <summary>
/// What caps the connections a started stack can serve, from its recipe and its settings: how it serves them
/// (<see cref="ConcurrencyModel"/>), how many requests it works on at once, how many connections its workers
/// keep at most, and its listen backlog (asked for, or the server's default). The report uses it to say
/// which limit a stack hit when it refused or timed out connections.
/// </summary>
public sealed record ServerCapacity
{
    /// <summary>How the server serves concurrent requests.</summary>
    public required ConcurrencyModel Model { get; init; }
    /// <summary>Worker processes.</summary>
    public required int Workers { get; init; }

    /// <summary>Requests in progress at once over all workers (workers x threads); null: no fixed cap (event loops, green threads, a thread per connection).</summary>
    public int? RequestsAtOnce { get; init; }

    /// <summary>Connections the workers keep at once (workers x worker connections); null: no cap but descriptors.</summary>
    public int? ConnectionsHeld { get; init; }

    /// <summary>The per-worker cap behind <see cref="ConnectionsHeld"/>, and whether it was raised.</summary>
    public int? WorkerConnections { get; init; }
    /// <summary>True when the launcher raised it.</summary>
    public bool WorkerConnectionsRaised { get; init; }

    /// <summary>The listen backlog the server asks for (raised, or its default); null when unknown.</summary>
    public int? Backlog { get; init; }
    /// <summary>True when the launcher raised it.</summary>
    public bool BacklogRaised { get; init; }

    /// <summary>The open-file limit asked for the server's processes; null: inherited.</summary>
    public int? OpenFiles { get; init; }

    /// <summary>The capacity of a catalog-style stack; null for a user-defined command (nothing known about it).</summary>
    public static ServerCapacity? Of(StackSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Command is not null) return null;
        var recipe = ServerRecipes.Find(spec.Server, spec.WorkerClass);
        if (recipe is null) return null;
        var limits = spec.Limits ?? new ServerLimits();
        var threads = spec.Threads ?? recipe.DefaultThreads ?? 1;
        var workerConnections = limits.WorkerConnections is { } asked && recipe.DefaultWorkerConnections is not null ? asked : recipe.DefaultWorkerConnections;
        return new ServerCapacity
        {
            Model = recipe.Concurrency,
            Workers = spec.Workers,
            RequestsAtOnce = recipe.Concurrency == ConcurrencyModel.RequestPerThread ? spec.Workers * threads : null,
            ConnectionsHeld = recipe.Concurrency == ConcurrencyModel.RequestPerThread && workerConnections is null
                ? spec.Workers * threads
                : workerConnections is { } w ? spec.Workers * w : null,
            WorkerConnections = workerConnections,
            WorkerConnectionsRaised = limits.WorkerConnections is not null && recipe.DefaultWorkerConnections is not null,
            Backlog = limits.Backlog is { } b && recipe.LimitArguments(new ServerLimits { Backlog = b }).Count > 0 ? b : recipe.DefaultBacklog,
            BacklogRaised = limits.Backlog is { } raised && recipe.LimitArguments(new ServerLimits { Backlog = raised }).Count > 0,
            OpenFiles = limits.OpenFiles,
        };
    }
}
