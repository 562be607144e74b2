using System.Text.Json;
using PerfNotebooks.Backends;
using PerfNotebooks.Core.Tests.Servers;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Backends;

/// <summary>Every app with a database serves the four realistic workloads as TechEmpower defines them, on both databases.</summary>
public abstract class WorkloadContractSpecs(DatabaseFixture fixture)
{
    /// <summary>One stack per app that serves the workloads (each app's data access is the same under any server).</summary>
    public static TheoryData<string> Stacks =>
    [
        "django-gunicorn", "django-uvicorn", "flask-gunicorn-gthread", "starlette-uvicorn", "fastapi-uvicorn", "aiohttp", "tornado",
        "quart-hypercorn", "falcon-gunicorn", "bottle-gunicorn",
    ];

    protected async Task ServesTheWorkloadsAsync(string name)
    {
        var server = await ServerLauncher.StartAsync(fixture.Database.Apply(StackCatalog.Get(name)));
        var pids = server.ProcessIds();
        try
        {
            async Task<RawHttp.Response> Get(string path)
            {
                var response = await RawHttp.GetAsync(server.BaseUrl, path);
                Assert.True(response.Status == 200, $"{name} {path}: {response.Status} {response.Text}\n{server.OutputTail(30)}");
                foreach (var header in new[] { "Server", "Date", "Content-Type", "Content-Length" })
                    Assert.True(response.Headers.ContainsKey(header), $"{name} {path}: no {header}");
                return response;
            }

            using (var one = JsonDocument.Parse((await Get("/db")).Body))
                AssertWorld(one.RootElement);

            using (var many = JsonDocument.Parse((await Get("/queries?n=7")).Body))
            {
                Assert.Equal(7, many.RootElement.GetArrayLength());
                foreach (var w in many.RootElement.EnumerateArray()) AssertWorld(w);
            }
            using (var clampedHigh = JsonDocument.Parse((await Get("/queries?n=900")).Body))
                Assert.Equal(500, clampedHigh.RootElement.GetArrayLength());
            using (var notANumber = JsonDocument.Parse((await Get("/queries?n=foo")).Body))
                Assert.Equal(1, notANumber.RootElement.GetArrayLength());

            var fortunes = await Get("/fortunes");
            Assert.StartsWith("text/html", fortunes.Headers["Content-Type"]);
            var html = fortunes.Text;
            Assert.Contains("&lt;script&gt;", html);
            Assert.DoesNotContain("<script>", html);
            Assert.Contains("Additional fortune added at request time.", html);
            Assert.Contains("フレームワークのベンチマーク", html);
            Assert.Equal(Workloads.FortuneRows + 2, html.Split("<tr>").Length - 1); // header + 12 + 1 added
            // Sorted by message: "<script>..." (escaped) comes before "A bad random...", which comes before "Additional...".
            Assert.True(html.IndexOf("&lt;script&gt;", StringComparison.Ordinal) < html.IndexOf("A bad random", StringComparison.Ordinal));
            Assert.True(html.IndexOf("A bad random", StringComparison.Ordinal) < html.IndexOf("Additional fortune", StringComparison.Ordinal));

            using var updated = JsonDocument.Parse((await Get("/updates?n=5")).Body);
            Assert.Equal(5, updated.RootElement.GetArrayLength());
            foreach (var w in updated.RootElement.EnumerateArray()) AssertWorld(w);
        }
        finally
        {
            await server.DisposeAsync();
        }
        ServerAssert.NothingLeft(server.Pid, pids);
    }

    private static void AssertWorld(JsonElement world)
    {
        Assert.InRange(world.GetProperty("id").GetInt32(), 1, Workloads.WorldRows);
        Assert.InRange(world.GetProperty("randomNumber").GetInt32(), 1, Workloads.WorldRows);
    }
}

public sealed class SqliteWorkloadSpecs(SqliteFixture fixture) : WorkloadContractSpecs(fixture), IClassFixture<SqliteFixture>
{
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Stacks))]
    public Task Every_database_app_serves_the_four_workloads_on_sqlite(string stack) => ServesTheWorkloadsAsync(stack);
}

public sealed class PostgresWorkloadSpecs(PostgresFixture fixture) : WorkloadContractSpecs(fixture), IClassFixture<PostgresFixture>
{
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Stacks))]
    public Task Every_database_app_serves_the_four_workloads_on_postgres(string stack) => ServesTheWorkloadsAsync(stack);
}
