using System.Diagnostics;
using System.Globalization;
using PerfNotebooks.Experiments;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>
/// A stack started with raised limits really runs with them: the listen socket's backlog (as the kernel
/// reports it, capped at net.core.somaxconn), gevent's worker connections, and the open-file limit of every
/// process of the tree.
/// </summary>
public sealed class ServerLimitsSpecs
{
    public static TheoryData<string> ConnectionStacks => [.. PlanPresets.ConnectionStacks];

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(ConnectionStacks))]
    public async Task A_stack_of_the_connections_block_runs_with_the_backlog_worker_connections_and_open_files_asked(string name)
    {
        var somaxconn = KernelLimits.Somaxconn() ?? 4096;
        var backlog = Math.Min(3000, somaxconn);
        var spec = StackCatalog.Get(name) with { Limits = new ServerLimits { Backlog = backlog, WorkerConnections = 3000, OpenFiles = 5000 } };
        var server = await ServerLauncher.StartAsync(spec);
        var pids = server.ProcessIds();
        try
        {
            Assert.Equal(backlog, await ListenBacklogAsync(server.BaseUrl.Port));
            foreach (var pid in pids)
                Assert.Equal(5000, OpenFilesSoftLimit(pid));
            var commandLine = CommandLine(server.Pid);
            if (spec.WorkerClass is "gevent")
                Assert.Contains("--worker-connections 3000", commandLine);
            else
                Assert.DoesNotContain("--worker-connections", commandLine);
        }
        finally
        {
            await server.DisposeAsync();
        }
        ServerAssert.NothingLeft(server.Pid, pids);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_backlog_above_somaxconn_is_cut_to_it_by_the_kernel_and_the_capacity_says_what_was_asked()
    {
        var somaxconn = KernelLimits.Somaxconn();
        Assert.NotNull(somaxconn);
        var spec = StackCatalog.Get("tornado") with { Workers = 1, Limits = new ServerLimits { Backlog = somaxconn.Value + 1000 } };
        var server = await ServerLauncher.StartAsync(spec);
        try
        {
            Assert.Equal(somaxconn.Value, await ListenBacklogAsync(server.BaseUrl.Port));
            var capacity = ServerCapacity.Of(spec)!;
            Assert.Equal(somaxconn.Value + 1000, capacity.Backlog);
            Assert.True(capacity.BacklogRaised);
        }
        finally
        {
            await server.DisposeAsync();
        }
        ServerAssert.NothingLeft(server.Pid);
    }

    [Fact]
    public void Without_limits_a_stack_keeps_its_servers_defaults_and_the_capacity_knows_them()
    {
        var tornado = ServerCapacity.Of(StackCatalog.Get("tornado"))!;
        Assert.Equal(128, tornado.Backlog);
        Assert.False(tornado.BacklogRaised);
        Assert.Equal(ConcurrencyModel.EventLoop, tornado.Model);
        Assert.Null(tornado.ConnectionsHeld);

        var sync = ServerCapacity.Of(StackCatalog.Get("flask-gunicorn"))!;
        Assert.Equal(2048, sync.Backlog);
        Assert.Equal(2, sync.ConnectionsHeld);
        Assert.Equal(2, sync.RequestsAtOnce);

        var gevent = ServerCapacity.Of(StackCatalog.Get("flask-gunicorn-gevent") with { Limits = ServerLimits.For(5000) })!;
        Assert.Equal(ConcurrencyModel.GreenThreads, gevent.Model);
        Assert.Equal(10_000, gevent.ConnectionsHeld);
        Assert.True(gevent.WorkerConnectionsRaised);

        var gthread = ServerCapacity.Of(StackCatalog.Get("flask-gunicorn-gthread"))!;
        Assert.Equal(8, gthread.RequestsAtOnce);
        Assert.Equal(2000, gthread.ConnectionsHeld);
    }

    [Theory]
    [InlineData(0, null, null, "listen backlog must be between 1 and 1000000, got 0")]
    [InlineData(null, -5, null, "worker connections must be between 1 and 1000000, got -5")]
    [InlineData(null, null, 10, "open-file limit must be between 64 and 10000000, got 10")]
    public async Task Limits_out_of_range_are_one_line_naming_what_is_accepted(int? backlog, int? workerConnections, int? openFiles, string expected)
    {
        var spec = StackCatalog.Get("flask-gunicorn") with { Limits = new ServerLimits { Backlog = backlog, WorkerConnections = workerConnections, OpenFiles = openFiles } };
        var error = await Assert.ThrowsAsync<PerfNotebooksException>(() => ServerLauncher.StartAsync(spec));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>The backlog of the socket listening on <paramref name="port"/>, as the kernel reports it (ss: Send-Q of a LISTEN socket).</summary>
    private static async Task<int> ListenBacklogAsync(int port)
    {
        var psi = new ProcessStartInfo("ss", ["-ltnH", $"sport = :{port.ToString(CultureInfo.InvariantCulture)}"]) { RedirectStandardOutput = true };
        using var ss = Process.Start(psi)!;
        var output = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync();
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single();
        return int.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
    }

    private static long OpenFilesSoftLimit(int pid)
    {
        var line = File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        return long.Parse(line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
    }

    private static string CommandLine(int pid)
        => File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Replace('\0', ' ');
}
