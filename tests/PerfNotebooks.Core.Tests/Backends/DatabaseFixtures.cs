using PerfNotebooks.Backends;

namespace PerfNotebooks.Core.Tests.Backends;

/// <summary>One seeded database per test class and kind, stopped (and checked gone) when the class is done.</summary>
public abstract class DatabaseFixture(DatabaseKind kind) : IAsyncLifetime
{
    public RunningDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await DatabaseLauncher.StartAsync(kind);

    public async Task DisposeAsync()
    {
        var pids = Database.ProcessIds();
        await Database.DisposeAsync();
        Assert.False(Directory.Exists(Database.Folder), $"{Database.Folder} is still there");
        Assert.DoesNotContain(pids, pid => PerfNotebooks.Servers.ProcStat.Read(pid) is { IsDead: false });
    }
}

public sealed class SqliteFixture() : DatabaseFixture(DatabaseKind.Sqlite);

public sealed class PostgresFixture() : DatabaseFixture(DatabaseKind.Postgres);
