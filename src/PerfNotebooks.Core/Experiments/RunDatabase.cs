using PerfNotebooks.Backends;

namespace PerfNotebooks.Experiments;

/// <summary>Starts the database a run's pending cells need (the plan's, or SQLite for the realistic workloads) and
/// records it, with each stack's connections per worker, in run.json.</summary>
internal static class RunDatabase
{
    public static async Task<RunningDatabase?> StartAsync(RunSession session, IReadOnlyList<PlanCell> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0 || session.Info.Plan.DatabaseToStart is not { } kind) return null;
        // Seeded by the system's Python (sqlite3, psycopg2), whatever interpreter the servers run on.
        var database = await DatabaseLauncher.StartAsync(kind, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            session.SetDatabase(database.InfoFor(pending.Select(c => c.Stack)));
            return database;
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
