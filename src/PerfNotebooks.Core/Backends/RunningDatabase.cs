using System.Globalization;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Backends;

/// <summary>
/// A database started for a run (or a served stack), seeded and ready. Servers reach it through the environment
/// <see cref="Apply"/> gives their stack. Disposing it stops it (PostgreSQL's whole process group) and deletes its
/// temporary folder; a stop is idempotent.
/// </summary>
public sealed class RunningDatabase : IAsyncDisposable
{
    private readonly Func<Task> _stop;
    private readonly Func<IReadOnlyList<int>> _processIds;
    private readonly Lock _gate = new();
    private Task? _stopping;

    internal RunningDatabase(DatabaseInfo info, string folder, IReadOnlyDictionary<string, string> environment, Func<Task> stop, Func<IReadOnlyList<int>> processIds)
    {
        Info = info;
        Folder = folder;
        Environment = environment;
        _stop = stop;
        _processIds = processIds;
    }

    /// <summary>The database kind: SQLite or PostgreSQL.</summary>
    public DatabaseKind Kind => Info.Kind;

    /// <summary>What was started: kind, version, location, rows, start-to-ready time.</summary>
    public DatabaseInfo Info { get; }

    /// <summary>The temporary folder that holds the database (deleted by <see cref="StopAsync"/>).</summary>
    public string Folder { get; }

    /// <summary>The variables a server needs to reach the database: PERFNB_DB, PERFNB_DB_PATH or PERFNB_DB_HOST,
    /// PERFNB_DB_NAME, PERFNB_DB_USER and PERFNB_DB_URL (an SQLAlchemy-style URL, for apps of the user's own).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>PIDs of the database's processes (none for SQLite), read now.</summary>
    public IReadOnlyList<int> ProcessIds() => _processIds();

    /// <summary>True once the database was stopped and its folder deleted.</summary>
    public bool Stopped => _stopping is { IsCompleted: true };

    /// <summary><paramref name="spec"/> with the database's variables and its connections per worker (PERFNB_DB_POOL)
    /// in its environment; variables the spec already sets win.</summary>
    public StackSpec Apply(StackSpec spec)
    {
        var environment = new Dictionary<string, string>(Environment)
        {
            ["PERFNB_DB_POOL"] = DatabasePools.For(spec).PerWorker.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in spec.Environment) environment[k] = v;
        return spec with { Environment = environment };
    }

    /// <summary><see cref="Info"/> with the connections each of <paramref name="stacks"/> holds per worker.</summary>
    public DatabaseInfo InfoFor(IEnumerable<StackSpec> stacks)
    {
        var pools = new Dictionary<string, DatabasePool>(StringComparer.Ordinal);
        foreach (var stack in stacks) pools.TryAdd(stack.Name, DatabasePools.For(stack));
        return Info with { Pools = pools };
    }

    /// <summary>Stops the database and deletes its folder; every caller awaits the same stop.</summary>
    public Task StopAsync()
    {
        lock (_gate) return _stopping ??= _stop();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Deletes a database's temporary folder, retrying briefly while a just-stopped process lets go of it.</summary>
    internal static async Task DeleteFolderAsync(string folder)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                return;
            }
            catch (Exception e) when ((e is IOException or UnauthorizedAccessException) && attempt < 10)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }
}
