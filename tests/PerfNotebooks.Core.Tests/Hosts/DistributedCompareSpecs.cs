using PerfNotebooks.Core.Tests.Hosts.Support;
using PerfNotebooks.Experiments;
using PerfNotebooks.Hosts;
using PerfNotebooks.Reporting;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Hosts;

[Trait("Category", "Distributed")]
[Collection(DistributedCollection.Name)]
public sealed class DistributedCompareSpecs(LabFixture fixture)
{
    private readonly NetnsLab _lab = fixture.Lab;

    [DistributedFact(Timeout = 600_000)]
    public async Task A_plan_runs_with_the_server_on_one_host_and_the_load_from_two_others()
    {
        using var runs = new TempFolder();
        var plan = Plan(levels: [2, 4]);
        RunSession session;
        await using (var topology = await OpenAsync(_lab.Hosts[0], [_lab.Hosts[1], _lab.Hosts[2]]))
        {
            session = RunStore.Create(runs.Path, plan, await EnvironmentProbe.CaptureAsync(), "distributed");
            var servers = topology.ServerSite(TimeSpan.FromMilliseconds(250));
            session.SetTopology(RunTopology.From(topology, _lab.Hosts[0].IpAddress));

            await new ExperimentRunner(servers, topology.LoadSite()!).RunAsync(session);
        }
        session.Dispose(); // the run folder's lock

        var run = RunStore.Load(session.Directory);
        Assert.Equal(RunStatus.Complete, run.Info.Status);
        Assert.Equal(2, run.Results.Count);
        foreach (var cell in run.Results)
        {
            Assert.Empty(cell.Flags);
            Assert.True(cell.Summary.Requests > 0);
            // Two load hosts, one row each, that add up to the cell's own.
            Assert.Equal([_lab.Hosts[1].Address.ToString(), _lab.Hosts[2].Address.ToString()], cell.PerHost.Select(h => h.Host));
            Assert.Equal(cell.Summary.Requests, cell.PerHost.Sum(h => h.Summary.Requests));
            Assert.Equal(cell.Corrected!.TotalCount, cell.PerHost.Sum(h => h.Summary.Requests));
            Assert.Equal(cell.Summary.RequestsPerSecond, cell.PerHost.Sum(h => h.Summary.RequestsPerSecond), 6);
            Assert.Equal(cell.Errors.Total, cell.PerHost.Sum(h => h.Errors.Total));
            // The server ran on its host, sampled there: its CPU was used and its tree seen.
            Assert.True(cell.Server.CpuSeconds > 0, $"server CPU {cell.Server.CpuSeconds} s");
            Assert.True(cell.Server.Processes >= 1, $"{cell.Server.Processes} processes");
            Assert.NotEmpty(cell.Resources);
            Assert.NotNull(cell.Versions);
        }
        var topologyStored = Assert.IsType<RunTopology>(run.Info.Topology);
        Assert.Equal(_lab.Hosts[0].Address.ToString(), topologyStored.ServerHost!.Address);
        Assert.Equal(2, topologyStored.LoadHosts.Count);
        Assert.All(topologyStored.LoadHosts.Append(topologyStored.ServerHost), h =>
        {
            Assert.NotNull(h.Clock);
            Assert.True(h.Clock!.ErrorBound < TimeSpan.FromSeconds(1));
            Assert.NotEmpty(h.Kernel);
        });
        var html = File.ReadAllText(HtmlReport.Write(run));
        Assert.Contains("id=\"topology\"", html, StringComparison.Ordinal);
        Assert.Contains(_lab.Hosts[2].Address.ToString(), html, StringComparison.Ordinal);
        AssertNothingLeft();
    }

    /// <summary>Nothing of a run is left on any host: only the lab's own sshd runs in the namespaces.</summary>
    internal void AssertNothingLeft()
    {
        foreach (var host in _lab.Hosts)
        {
            var others = host.Pids().Where(p => Comm(p) is not ("sshd" or "")).Select(p => $"{p} {Comm(p)}").ToList();
            Assert.True(others.Count == 0, $"left on {host}: {string.Join(", ", others)}");
        }
    }

    internal static ExperimentPlan Plan(IReadOnlyList<int> levels) => new()
    {
        Name = "distributed-test",
        Matrices =
        [
            new PlanMatrix
            {
                Stacks = [StackCatalog.Get("starlette-uvicorn") with { Workers = 1 }],
                Endpoints = ["/plaintext"],
                Levels = [.. levels.Select(l => (double)l)],
            },
        ],
        Duration = TimeSpan.FromSeconds(1.5),
        Warmup = TimeSpan.FromSeconds(0.5),
        Cooldown = TimeSpan.Zero,
        Repetitions = 1,
    };

    internal Task<HostTopology> OpenAsync(NetnsHost? server, IReadOnlyList<NetnsHost> load)
        => HostTopology.OpenAsync(server?.Address, [.. load.Select(h => h.Address)], new HostSetup
        {
            Ssh = _lab.SshOptions,
            DeployRoot = _lab.DeployRootPattern,
            Packages = EnvironmentProbe.PythonPackages,
        });

    private static string Comm(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return ""; }
    }
}
