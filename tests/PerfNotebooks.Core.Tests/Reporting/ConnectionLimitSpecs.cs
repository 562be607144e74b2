using PerfNotebooks.Experiments;
using PerfNotebooks.Load;
using PerfNotebooks.Reporting;
using PerfNotebooks.Servers;
using Xunit.Abstractions;

namespace PerfNotebooks.Core.Tests.Reporting;

/// <summary>
/// When a stack refuses or times out connections, the connections table says which limit and why; measured
/// on real servers: a one-worker sync Gunicorn with a tiny backlog cannot hold a hundred connections, an
/// event loop can.
/// </summary>
public sealed class ConnectionLimitSpecs(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact(Timeout = 180_000)]
    public async Task A_sync_worker_behind_a_tiny_backlog_is_explained_by_its_workers_and_the_accept_queue()
    {
        var marker = Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string> { ["PERFNB_TEST_MARK"] = marker };
        var sync = StackCatalog.Get("flask-gunicorn") with { Workers = 1, Limits = new ServerLimits { Backlog = 8 }, Environment = environment };
        var tornado = StackCatalog.Get("tornado") with { Workers = 1, Limits = ServerLimits.For(120), Environment = environment };
        var plan = new ExperimentPlan
        {
            Name = "limits",
            Matrices =
            [
                new PlanMatrix
                {
                    Label = ConnectionsTable.Block, Stacks = [sync, tornado], Endpoints = ["/io?ms=300"], Levels = [120],
                    FreshServers = true, Timeout = TimeSpan.FromSeconds(1),
                },
            ],
            Repetitions = 1,
            Warmup = TimeSpan.FromMilliseconds(500),
            Duration = TimeSpan.FromSeconds(2),
            Cooldown = TimeSpan.FromMilliseconds(200),
        };
        var session = RunStore.Create(_root.Path, plan, await EnvironmentProbe.CaptureAsync());
        try
        {
            await new ExperimentRunner(InProcessLoadRunner.Instance).RunAsync(session);
        }
        finally
        {
            Assert.Empty(await ProcessTable.WaitGoneAsync(() => ProcessTable.WithEnvironment("PERFNB_TEST_MARK", marker), TimeSpan.FromSeconds(10)));
        }

        var rows = ConnectionsTable.Build(RunAnalysis.Of(session.ToRecord()));
        foreach (var row in rows) output.WriteLine(row.ToString());
        var gunicorn = rows.Single(r => r.Stack == "flask-gunicorn");
        Assert.Equal(120, gunicorn.Connections);
        Assert.Equal(400, gunicorn.IdealRps, 3);
        Assert.True(gunicorn.ConnectErrors + gunicorn.Timeouts > 0, $"no connect error or timeout: {gunicorn}");
        Assert.Contains("flask-gunicorn keeps at most 1 connection at once (1 sync worker, one request each)", gunicorn.Note);
        Assert.Contains("the kernel's accept queue holds 8 (backlog asked", gunicorn.Note);
        Assert.Equal("backlog 8", gunicorn.Limits);

        var loop = rows.Single(r => r.Stack == "tornado");
        Assert.True(loop.Rps > gunicorn.Rps * 2, $"tornado {loop.Rps} req/s vs flask-gunicorn {gunicorn.Rps}");
        Assert.True(double.IsFinite(loop.MemoryPerConnectionKb) && loop.MemoryPerConnectionKb >= 0, $"memory per connection {loop.MemoryPerConnectionKb}");

        var html = HtmlReport.Render(session.ToRecord());
        Assert.Contains("<section id=\"connections\">", html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(gunicorn.Note), html);
    }
}
