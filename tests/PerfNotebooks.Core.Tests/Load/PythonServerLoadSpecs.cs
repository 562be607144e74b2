using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Load;

/// <summary>The engine against the real Python stacks from the catalog (Debian packages, started by the launcher).</summary>
[Collection(LoadCollection.Name)]
public sealed class PythonServerLoadSpecs
{
    [Theory(Timeout = 120_000)]
    [InlineData("flask-gunicorn")]
    [InlineData("wsgi-gunicorn")]
    public async Task I_can_send_exactly_1000_requests_to_a_gunicorn_stack_and_every_one_is_counted(string stack)
    {
        IReadOnlyList<int> pids;
        await using (var server = await ServerLauncher.StartAsync(StackCatalog.Get(stack)))
        {
            pids = server.ProcessIds();
            var result = await LoadEngine.RunAsync(new LoadSpec { Url = new Uri(server.BaseUrl, "/plaintext"), Connections = 8, Requests = 1000 });

            Assert.Equal(1000, result.Summary.Requests);
            Assert.Equal(0, result.Errors.Total);
        }
        Assert.All(pids, pid => Assert.False(ProcessTable.IsAlive(pid), $"PID {pid} is still running"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_uwsgi_stack_keeps_its_connections_alive_and_is_measured_without_errors()
    {
        IReadOnlyList<int> pids;
        await using (var server = await ServerLauncher.StartAsync(StackCatalog.Get("flask-uwsgi")))
        {
            pids = server.ProcessIds();
            var result = await LoadEngine.RunAsync(new LoadSpec { Url = new Uri(server.BaseUrl, "/plaintext"), Connections = 4, Requests = 500 });

            Assert.Equal(500, result.Summary.Requests);
            // --http11-socket: with the plain http-socket uWSGI closed after every response without saying so,
            // and every request sent on such a connection failed (as wrk counts it too).
            Assert.Equal(0, result.Errors.Total);
            Assert.Equal(0, result.Reconnects);
        }
        Assert.All(pids, pid => Assert.False(ProcessTable.IsAlive(pid), $"PID {pid} is still running"));
    }
}
