using PerfNotebooks.Backends;
using PerfNotebooks.Core.Tests.Servers;

namespace PerfNotebooks.Core.Tests.Backends;

/// <summary>A database that cannot start: one line with the cause, and nothing left (no postgres, no folder).</summary>
[Collection(OwnAppCollection.Name)]
public sealed class DatabaseStartFailureSpecs
{
    [Fact(Timeout = 120_000)]
    public async Task A_postgres_that_refuses_its_settings_is_one_line_with_its_fatal_and_leaves_nothing()
    {
        using var mark = OwnAppCollection.Begin();
        var before = Directory.GetDirectories(Path.GetTempPath(), "perfnb-pg-*").ToHashSet();
        Environment.SetEnvironmentVariable("PERFNB_POSTGRES_SETTINGS", "max_connections=0");
        try
        {
            var error = await Assert.ThrowsAsync<PerfNotebooksException>(() => DatabaseLauncher.StartAsync(DatabaseKind.Postgres));
            Assert.StartsWith("PostgreSQL could not start: the postmaster exited before it was ready: ", error.Message);
            Assert.Contains("max_connections", error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PERFNB_POSTGRES_SETTINGS", null);
        }
        await MarkedProcesses.AssertGoneAsync(mark.Value);
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath(), "perfnb-pg-*"), d => !before.Contains(d));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_database_that_cannot_be_seeded_is_one_line_and_the_cluster_is_stopped_and_deleted()
    {
        using var mark = OwnAppCollection.Begin();
        var before = Directory.GetDirectories(Path.GetTempPath(), "perfnb-pg-*").ToHashSet();
        var error = await Assert.ThrowsAsync<PerfNotebooksException>(() => DatabaseLauncher.StartAsync(DatabaseKind.Postgres, "/opt/none/python3"));
        Assert.StartsWith("PostgreSQL could not start: /opt/none/python3 cannot run to seed it", error.Message);
        await MarkedProcesses.AssertGoneAsync(mark.Value);
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath(), "perfnb-pg-*"), d => !before.Contains(d));
    }
}
