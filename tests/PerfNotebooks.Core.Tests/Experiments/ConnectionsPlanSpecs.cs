using System.Text.Json;
using PerfNotebooks.Experiments;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Experiments;

/// <summary>The connections block: its shape in the presets, fresh servers, quick mode's cap, and what run.json records.</summary>
public sealed class ConnectionsPlanSpecs : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void The_connections_preset_holds_thousands_of_connections_on_long_waits_with_raised_limits()
    {
        var plan = PlanPresets.Connections();
        var block = Assert.Single(plan.Matrices);
        Assert.Equal(new double[] { 1000, 5000, 10000 }, block.Levels);
        Assert.Equal(new[] { "/io?ms=100", "/io?ms=1000" }, block.Endpoints);
        Assert.Equal(PlanPresets.ConnectionStacks, block.Stacks.Select(s => s.Name));
        Assert.All(block.Stacks, s => Assert.Equal(ServerLimits.For(10000), s.Limits));
        Assert.True(block.FreshServers);
        // A fresh server per cell even though the plan reuses servers elsewhere.
        var cells = plan.Cells();
        Assert.Equal(cells.Count, cells.Select(c => plan.ServerKey(c, block)).Distinct().Count());
        Assert.Equal(TimeSpan.FromSeconds(5), plan.TimeoutOf(cells[0]));
    }

    [Fact]
    public void The_seed_preset_reaches_five_thousand_connections_and_quick_mode_stays_at_or_below_512()
    {
        var seed = PlanPresets.Seed();
        var connections = seed.Matrices.Single(m => m.Label == "connections");
        Assert.True(connections.Levels.Max() >= 5000);
        foreach (var plan in new[] { PlanPresets.Seed(), PlanPresets.Connections(), PlanPresets.Quick() })
        {
            var shrunk = PlanPresets.Shrink(plan);
            Assert.All(shrunk.Cells().Where(c => c.Model == LoadModel.ClosedLoop), c => Assert.True(c.Connections <= PlanPresets.QuickMaxConnections, c.Id));
            Assert.All(shrunk.Matrices, m => Assert.Null(m.Duration));
        }
    }

    [Fact]
    public void Run_json_records_every_servers_limits_and_the_kernels()
    {
        var plan = PlanPresets.Connections();
        var environment = SyntheticRun.Environment() with { Limits = SystemLimits.Read() };
        var session = RunStore.Create(_root.Path, plan, environment);
        var json = File.ReadAllText(Path.Combine(session.Directory, RunFiles.RunJson));
        using var doc = JsonDocument.Parse(json);
        var stack = doc.RootElement.GetProperty("plan").GetProperty("matrices")[0].GetProperty("stacks")[0];
        Assert.Equal(10000, stack.GetProperty("limits").GetProperty("backlog").GetInt32());
        Assert.Equal(10000, stack.GetProperty("limits").GetProperty("workerConnections").GetInt32());
        Assert.Equal(10000 + ServerLimits.OpenFilesReserve, stack.GetProperty("limits").GetProperty("openFiles").GetInt32());
        Assert.Equal(KernelLimits.Somaxconn(), doc.RootElement.GetProperty("environment").GetProperty("limits").GetProperty("somaxconn").GetInt32());

        var loaded = RunStore.Load(session.Directory);
        Assert.Equal(plan.Matrices[0].Stacks[0].Limits, loaded.Info.Plan.Matrices[0].Stacks[0].Limits);
        Assert.True(loaded.Info.Plan.Matrices[0].FreshServers);
        Assert.Equal(environment.Limits, loaded.Info.Environment.Limits);
    }
}
