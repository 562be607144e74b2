using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

/// <summary>What the generator itself costs: memory per connection and allocation per request, on both backends.</summary>
[Collection(LoadCollection.Name)]
public sealed class GeneratorFootprintSpecs
{
    [Theory(Timeout = 60_000)]
    [InlineData(LoadBackend.Epoll, false)]
    [InlineData(LoadBackend.IoUring, false)]
    [InlineData(LoadBackend.Epoll, true)]
    [InlineData(LoadBackend.IoUring, true)]
    public async Task In_steady_state_the_event_loops_allocate_nothing_per_request(LoadBackend backend, bool serverClosesEveryConnection)
    {
        // The loops' own threads are measured, so the runtime's background work cannot hide a per-request
        // allocation: 0.5 B per request over 2,000+ requests allows a one-off buffer, not one object per request.
        // Against nginx with keepalive_timeout 0 every request is also a connect and a close.
        int group;
        using (var nginx = await NginxServer.StartAsync(closeAfterEachResponse: serverClosesEveryConnection))
        {
            group = nginx.ProcessGroup;
            var result = await LoadEngine.RunAsync(new LoadSpec
            {
                Url = nginx.Url(),
                Connections = 8,
                Duration = TimeSpan.FromSeconds(3),
                Backend = backend,
            });

            Assert.True(result.Summary.Requests > 2_000, $"only {result.Summary.Requests} requests");
            Assert.Equal(0, result.Errors.Total);
            Assert.InRange(result.Client.AllocatedBytesPerRequest, 0, 0.5);
        }
        Assert.Empty(ProcessGroups.Members(group));
    }

    [Theory(Timeout = 120_000)]
    [InlineData(LoadBackend.Epoll)]
    [InlineData(LoadBackend.IoUring)]
    public async Task Runs_one_after_another_in_one_process_leave_no_descriptor_behind(LoadBackend backend)
    {
        // perfnb compare runs every cell's load in its own process: a socket left open per connection added up
        // to the open-file limit after a few 5,000-connection cells (found by the seed preset: 146 cells refused).
        // nginx keeps every connection open, so nothing but the engine can close them.
        int group;
        using (var nginx = await NginxServer.StartAsync(workerConnections: 4096))
        {
            group = nginx.ProcessGroup;
            var before = FileDescriptorLimit.OpenDescriptors();
            for (var run = 0; run < 3; run++)
            {
                var result = await LoadEngine.RunAsync(new LoadSpec
                {
                    Url = nginx.Url(),
                    Connections = 1_000,
                    Duration = TimeSpan.FromMilliseconds(500),
                    Timeout = TimeSpan.FromSeconds(10),
                    Backend = backend,
                });
                Assert.Equal(0, result.Errors.Total);
                Assert.True(result.Summary.Requests > 1_000, $"only {result.Summary.Requests} requests");
                Assert.True(await ProcessResources.EventuallyAsync(() => ProcessResources.ClientSocketsTo(nginx.Port) == 0, TimeSpan.FromSeconds(2)),
                    $"run {run + 1}: {ProcessResources.ClientSocketsTo(nginx.Port)} client sockets to nginx left open");
            }
            // A few descriptors may come and go with the runtime (a log file, a thread's eventfd); a leak is 1,000 a run.
            Assert.InRange(FileDescriptorLimit.OpenDescriptors() - before, -50, 50);
        }
        Assert.Empty(ProcessGroups.Members(group));
    }

    [Theory(Timeout = 120_000)]
    [InlineData(LoadBackend.Epoll)]
    [InlineData(LoadBackend.IoUring)]
    public async Task Two_thousand_idle_connections_cost_the_generator_less_than_8_KB_each(LoadBackend backend)
    {
        // Peak RSS of a child perfnb holding 2,000 mostly idle connections (a constant 20 req/s over all of them)
        // against the same child holding 1. Socket buffers live in the kernel; this is the generator's own share.
        int group;
        using (var nginx = await NginxServer.StartAsync(workerConnections: 4096))
        {
            group = nginx.ProcessGroup;
            var runner = new OutOfProcessLoadRunner { CliPath = OutOfProcessLoadRunnerSpecs.CliPath() };
            LoadSpec Spec(int connections) => new()
            {
                Url = nginx.Url(),
                Connections = connections,
                Rate = 20,
                Duration = TimeSpan.FromSeconds(2),
                Timeout = TimeSpan.FromSeconds(10),
                Threads = 1,
                Backend = backend,
            };

            var one = await runner.RunAsync(Spec(1));
            var many = await runner.RunAsync(Spec(2_000));

            Assert.Equal(2_000, many.Client.ConnectionsOpened);
            Assert.Equal(0, many.Errors.Total);
            Assert.True(one.Client.PeakRssBytes > 0 && many.Client.PeakRssBytes > 0, "peak RSS not reported");
            var perConnection = (many.Client.PeakRssBytes - one.Client.PeakRssBytes) / 1_999.0;
            Assert.True(perConnection < 8 * 1024, $"{perConnection:0} bytes per connection ({one.Client.PeakRssBytes / 1e6:0.0} MB with 1, {many.Client.PeakRssBytes / 1e6:0.0} MB with 2,000)");
        }
        Assert.Empty(ProcessGroups.Members(group));
    }
}
