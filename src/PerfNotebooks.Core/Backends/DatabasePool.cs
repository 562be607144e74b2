namespace PerfNotebooks.Backends;

/// <summary>How one stack reaches the database: connections per worker process, and through what.</summary>
/// <param name="PerWorker">Connections each worker process holds at most (PERFNB_DB_POOL in its environment).</param>
/// <param name="DataAccess">The app's data access in words, e.g. <c>asyncpg pool</c> or <c>Django ORM, a connection per thread</c>.</param>
public sealed record DatabasePool(int PerWorker, string DataAccess);
