using System.Text.Json;
using PerfNotebooks.Experiments;
using PerfNotebooks.Load;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Experiments;

/// <summary>The generator on one CPU and the servers on the others: done for real, recorded in run.json, undone after.</summary>
public sealed class CorePlacementSpecs : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Cpu_lists_parse_and_print_as_taskset_writes_them()
    {
        Assert.Equal([0, 2, 3, 4], CpuSet.Parse("0,2-4"));
        Assert.Equal("0,2-4", CpuSet.Format([4, 0, 3, 2]));
        Assert.Equal("1", CpuSet.Format([1]));
        var placement = new CorePlacement { GeneratorCpus = "0", ServerCpus = "1-3" };
        Assert.Equal(3, placement.ServerCoreCount);
        Assert.Equal("generator on CPU 0, servers on CPUs 1-3", placement.ToString());
        Assert.Equal("1-3", placement.ForServer(StackCatalog.Get("tornado")).Cpus);
        Assert.Equal("0", placement.ForServer(StackCatalog.Get("tornado") with { Cpus = "0" }).Cpus);
    }

    [Fact]
    public void A_plan_asked_for_puts_the_generator_and_the_servers_apart_unless_told_not_to()
    {
        var apart = new PlanRequest { Names = OptionSpellings.CommandLine, Stacks = "tornado" }.ToPlan();
        var shared = new PlanRequest { Names = OptionSpellings.CommandLine, Stacks = "tornado", SeparateCores = false }.ToPlan();
        Assert.Null(shared.Placement);
        if (CpuSet.Allowed().Count < 2)
        {
            Assert.Null(apart.Placement);
            return;
        }
        Assert.Equal(CpuSet.Format([CpuSet.Allowed()[0]]), apart.Placement!.GeneratorCpus);
        Assert.Equal(CpuSet.Allowed().Count - 1, apart.Placement.ServerCoreCount);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_placed_run_pins_the_generator_and_the_server_records_it_and_puts_the_generator_back()
    {
        var placement = CorePlacement.ForThisMachine();
        if (placement is null) return; // one CPU: nothing to place (checked by the test above)
        var before = ProcessAffinity.Current(Environment.ProcessId);
        var marker = Guid.NewGuid().ToString("N");
        var stack = StackCatalog.Get("wsgi-gunicorn") with { Environment = new Dictionary<string, string> { ["PERFNB_TEST_MARK"] = marker } };
        var plan = new ExperimentPlan
        {
            Name = "placed",
            Matrices = [new PlanMatrix { Label = "p", Stacks = [stack], Endpoints = ["/plaintext"], Levels = [4] }],
            Repetitions = 1,
            Warmup = TimeSpan.FromMilliseconds(100),
            Duration = TimeSpan.FromMilliseconds(500),
            Cooldown = TimeSpan.Zero,
            Placement = placement,
        };
        using var session = RunStore.Create(_root.Path, plan, await EnvironmentProbe.CaptureAsync());
        string? generatorCpus = null;
        var serverCpus = new List<string>();
        var runner = new LoadRunnerOf((spec, progress, ct) =>
        {
            generatorCpus = ProcessAffinity.Current();
            foreach (var pid in ProcessTable.WithEnvironment("PERFNB_TEST_MARK", marker))
                serverCpus.Add(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split(':')[1].Trim());
            return InProcessLoadRunner.Instance.RunAsync(spec, progress, ct);
        });
        try
        {
            await new ExperimentRunner(runner).RunAsync(session);
        }
        finally
        {
            Assert.Empty(await ProcessTable.WaitGoneAsync(() => ProcessTable.WithEnvironment("PERFNB_TEST_MARK", marker), TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(placement.GeneratorCpus, generatorCpus);
        Assert.NotEmpty(serverCpus);
        Assert.All(serverCpus, c => Assert.Equal(placement.ServerCpus, c));
        Assert.Equal(before, ProcessAffinity.Current(Environment.ProcessId));
        var stored = RunStore.Load(session.Directory).Info.Plan.Placement;
        Assert.Equal(placement, stored);
        Assert.Contains("\"generatorCpus\"", File.ReadAllText(Path.Combine(session.Directory, RunFiles.RunJson)));
        Assert.True(session.Results.Single().Summary.Requests > 0);
        _ = JsonSerializer.Serialize(plan, RunJson.Options);
    }
}
