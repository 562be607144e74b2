using PerfNotebooks.Backends;
using PerfNotebooks.Experiments;
using PerfNotebooks.Load;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Experiments;

/// <summary>A run with realistic workloads starts one database for its servers, records it, and removes it at the end.</summary>
public sealed class DatabaseRunSpecs : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Theory(Timeout = 240_000)]
    [InlineData(null, DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres, DatabaseKind.Postgres)]
    public async Task A_workload_plan_runs_on_its_database_and_records_version_and_pools(DatabaseKind? asked, DatabaseKind expected)
    {
        var stacks = new[] { "flask-gunicorn-gthread", "starlette-uvicorn" }.Select(StackCatalog.Get).ToArray();
        var plan = new ExperimentPlan
        {
            Name = "db",
            Matrices = [new PlanMatrix { Stacks = stacks, Endpoints = ["/db", "/fortunes"], Levels = [4] }],
            Repetitions = 1,
            Warmup = TimeSpan.FromMilliseconds(200),
            Duration = TimeSpan.FromSeconds(1),
            Cooldown = TimeSpan.FromMilliseconds(100),
            Database = asked,
        };
        Assert.Equal(expected, plan.DatabaseToStart);
        var before = Directory.GetDirectories(Path.GetTempPath(), "perfnb-*").ToHashSet();
        var session = RunStore.Create(_root.Path, plan, new EnvironmentInfo());

        await new ExperimentRunner(InProcessLoadRunner.Instance).RunAsync(session);

        Assert.Equal(RunStatus.Complete, session.Info.Status);
        Assert.Equal(4, session.Results.Count);
        Assert.All(session.Results, r => Assert.True(r.Summary.Requests > 10 && r.Summary.Errors == 0, $"{r.Cell.Id}: {r.Summary.Requests} requests, {r.Summary.Errors} errors {r.Note}"));
        var database = RunStore.Load(session.Directory, _root.Path).Info.Database!;
        Assert.Equal(expected, database.Kind);
        Assert.StartsWith(expected == DatabaseKind.Sqlite ? "SQLite 3." : "PostgreSQL 15", database.Version);
        Assert.Equal(4, database.Pools["flask-gunicorn-gthread"].PerWorker);
        Assert.Equal(DatabasePools.AsyncPoolSize, database.Pools["starlette-uvicorn"].PerWorker);
        Assert.True(database.ReadySeconds > 0);
        Assert.Contains("\"database\": {", File.ReadAllText(Path.Combine(session.Directory, RunFiles.RunJson)));
        // The database's folder (the file's, or the cluster's around its socket) is gone, and no process uses it.
        var folder = Path.GetDirectoryName(database.Location)!;
        Assert.False(Directory.Exists(folder), $"{folder} is still there");
        Assert.Empty(ProcessTable.WithCommandLine(folder));
    }

    [Fact]
    public void A_plan_without_workloads_starts_no_database_unless_asked_and_the_bare_wsgi_app_is_refused_them()
    {
        var plain = new PlanRequest { Names = OptionSpellings.CommandLine, Stacks = "flask-gunicorn", Endpoints = "/plaintext" }.ToPlan();
        Assert.Null(plain.DatabaseToStart);
        Assert.Equal(DatabaseKind.Postgres, new PlanRequest { Names = OptionSpellings.CommandLine, Stacks = "flask-gunicorn", Endpoints = "/plaintext", Database = "postgres" }.ToPlan().DatabaseToStart);
        var error = Assert.Throws<PerfNotebooksException>(() => new PlanRequest { Names = OptionSpellings.CommandLine, Stacks = "wsgi-gunicorn", Endpoints = "/db" }.ToPlan());
        Assert.StartsWith("stack wsgi-gunicorn does not serve /db", error.Message);
        error = Assert.Throws<PerfNotebooksException>(() => new PlanRequest { Names = OptionSpellings.CommandLine, Stacks = "flask-gunicorn", Endpoints = "/db", Database = "oracle" }.ToPlan());
        Assert.Equal("--db 'oracle' is not a database PerfNotebooks starts; use sqlite (a file, the default) or postgres (a throwaway cluster).", error.Message);
    }

    [Fact]
    public void The_realistic_preset_measures_the_four_workloads_on_sqlite_unless_postgres_is_asked()
    {
        var plan = new PlanRequest { Names = OptionSpellings.CommandLine, Preset = "realistic" }.ToPlan();
        Assert.Equal("realistic", plan.Name);
        Assert.Equal(DatabaseKind.Sqlite, plan.DatabaseToStart);
        var endpoints = plan.Matrices.SelectMany(m => m.Endpoints).ToList();
        Assert.All(endpoints, e => Assert.True(Workloads.NeedsDatabase(e), e));
        Assert.Contains("django-gunicorn", plan.Matrices[0].Stacks.Select(s => s.Name));
        Assert.Equal(DatabaseKind.Postgres, new PlanRequest { Names = OptionSpellings.CommandLine, Preset = "realistic", Database = "postgres" }.ToPlan().DatabaseToStart);
    }
}
