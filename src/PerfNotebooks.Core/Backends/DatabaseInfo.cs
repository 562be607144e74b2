namespace PerfNotebooks.Backends;

/// <summary>The database a run used, as run.json records it.</summary>
public sealed record DatabaseInfo
{
    /// <summary>The database kind: SQLite or PostgreSQL.</summary>
    public required DatabaseKind Kind { get; init; }

    /// <summary>e.g. <c>SQLite 3.40.1</c>, <c>PostgreSQL 15.18</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The SQLite file, or PostgreSQL's socket folder (both deleted at the end).</summary>
    public required string Location { get; init; }

    /// <summary>Rows seeded into the World table.</summary>
    public int WorldRows { get; init; } = Workloads.WorldRows;
    /// <summary>Rows seeded into the Fortune table.</summary>
    public int FortuneRows { get; init; } = Workloads.FortuneRows;

    /// <summary>From the start until the seeded database answered (initdb, start and seeding included).</summary>
    public double ReadySeconds { get; init; }

    /// <summary>Per stack name: connections per worker and the data access that holds them.</summary>
    public IReadOnlyDictionary<string, DatabasePool> Pools { get; init; } = new Dictionary<string, DatabasePool>();
}
