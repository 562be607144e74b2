namespace PerfNotebooks.Backends;

/// <summary>Starts the database of the realistic workloads: a seeded SQLite file, or a throwaway PostgreSQL cluster.</summary>
public static class DatabaseLauncher
{
    /// <summary>
    /// Creates, starts and seeds a database (10,000 World rows, 12 fortunes) in a temporary folder. A database that
    /// cannot start is a one-line <see cref="PerfNotebooksException"/> with the cause, and leaves nothing behind.
    /// Dispose the result to stop it and delete its folder.
    /// </summary>
    public static Task<RunningDatabase> StartAsync(DatabaseKind kind, string python = "/usr/bin/python3", CancellationToken cancellationToken = default)
        => kind switch
        {
            DatabaseKind.Sqlite => SqliteDatabase.StartAsync(python, cancellationToken),
            DatabaseKind.Postgres => PostgresCluster.StartAsync(python, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
}
