using PerfNotebooks.Backends;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Backends;

/// <summary>The databases of the realistic workloads: started and seeded in a temporary folder, stopped and deleted for good.</summary>
public sealed class DatabaseLauncherSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task A_sqlite_database_is_a_seeded_file_in_a_temporary_folder_deleted_at_the_stop()
    {
        var database = await DatabaseLauncher.StartAsync(DatabaseKind.Sqlite);
        try
        {
            Assert.Equal(DatabaseKind.Sqlite, database.Kind);
            Assert.StartsWith("SQLite 3.", database.Info.Version);
            Assert.True(File.Exists(database.Info.Location), database.Info.Location);
            Assert.StartsWith(database.Folder, database.Info.Location);
            Assert.True(database.Info.ReadySeconds > 0);
            Assert.Empty(database.ProcessIds());
            Assert.Equal("sqlite", database.Environment["PERFNB_DB"]);
            Assert.Equal(database.Info.Location, database.Environment["PERFNB_DB_PATH"]);
        }
        finally
        {
            await database.DisposeAsync();
        }
        Assert.True(database.Stopped);
        Assert.False(Directory.Exists(database.Folder));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_postgres_cluster_listens_on_a_socket_in_its_folder_only_and_is_stopped_and_deleted()
    {
        var database = await DatabaseLauncher.StartAsync(DatabaseKind.Postgres);
        IReadOnlyList<int> pids;
        try
        {
            Assert.StartsWith("PostgreSQL 15", database.Info.Version);
            pids = database.ProcessIds();
            Assert.True(pids.Count >= 3, $"postmaster and its helpers expected, saw {pids.Count}");
            Assert.Equal(Path.Combine(database.Folder, "socket"), database.Info.Location);
            Assert.True(File.Exists(Path.Combine(database.Info.Location, ".s.PGSQL.5432")), "no socket file");
            Assert.Equal(database.Info.Location, database.Environment["PERFNB_DB_HOST"]);
            // listen_addresses='': no TCP port of the cluster's processes.
            var tcp = File.ReadAllLines("/proc/net/tcp").Concat(File.ReadAllLines("/proc/net/tcp6")).Skip(1).Count(l => l.Contains(":1538 ", StringComparison.Ordinal));
            Assert.Equal(0, tcp);
        }
        finally
        {
            await database.DisposeAsync();
        }
        Assert.DoesNotContain(pids, pid => ProcStat.Read(pid) is { IsDead: false });
        Assert.False(Directory.Exists(database.Folder));
    }

    [Fact]
    public void Connections_per_worker_follow_how_each_server_runs_requests()
    {
        Assert.Equal(4, DatabasePools.For(StackCatalog.Get("flask-gunicorn-gthread")).PerWorker);
        Assert.Equal(6, DatabasePools.For(StackCatalog.Get("flask-gunicorn-gthread") with { Threads = 6 }).PerWorker);
        Assert.Equal(1, DatabasePools.For(StackCatalog.Get("flask-gunicorn")).PerWorker);
        Assert.Equal(DatabasePools.AsyncPoolSize, DatabasePools.For(StackCatalog.Get("starlette-uvicorn")).PerWorker);
        Assert.Equal(DatabasePools.AsyncPoolSize, DatabasePools.For(StackCatalog.Get("tornado")).PerWorker);
        Assert.Equal(DatabasePools.AsyncPoolSize, DatabasePools.For(StackCatalog.Get("flask-gunicorn-gevent")).PerWorker);
        Assert.Equal(1, DatabasePools.For(StackCatalog.Get("django-uvicorn")).PerWorker);
        Assert.Equal(4, DatabasePools.For(StackCatalog.Get("flask-waitress")).PerWorker);
        Assert.Contains("Django ORM", DatabasePools.For(StackCatalog.Get("django-gunicorn")).DataAccess);
        Assert.Contains("SQLAlchemy", DatabasePools.For(StackCatalog.Get("flask-gunicorn")).DataAccess);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stack_gets_the_databases_variables_and_its_pool_but_keeps_its_own_settings()
    {
        await using var database = await DatabaseLauncher.StartAsync(DatabaseKind.Sqlite);
        var spec = database.Apply(StackCatalog.Get("flask-gunicorn-gthread") with { Environment = new Dictionary<string, string> { ["PERFNB_DB_POOL"] = "7", ["X"] = "y" } });
        Assert.Equal("7", spec.Environment["PERFNB_DB_POOL"]);
        Assert.Equal("y", spec.Environment["X"]);
        Assert.Equal("sqlite", spec.Environment["PERFNB_DB"]);
        Assert.Equal("4", database.Apply(StackCatalog.Get("flask-gunicorn-gthread")).Environment["PERFNB_DB_POOL"]);
    }
}
