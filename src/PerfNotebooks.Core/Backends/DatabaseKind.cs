namespace PerfNotebooks.Backends;

/// <summary>The databases the realistic workloads run on.</summary>
public enum DatabaseKind
{
    /// <summary>A SQLite file created for the run in a temporary folder: nothing to start.</summary>
    Sqlite,

    /// <summary>A throwaway PostgreSQL cluster: initdb, a postmaster on a Unix socket, deleted at the end.</summary>
    Postgres,
}
