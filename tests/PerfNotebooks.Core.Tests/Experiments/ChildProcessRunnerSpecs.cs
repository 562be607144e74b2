using PerfNotebooks.Experiments;
using PerfNotebooks.Load;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Experiments;

/// <summary>The experiment runner with the load in a child `perfnb load` process, as the notebook kernel runs it.</summary>
public sealed class ChildProcessRunnerSpecs : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact(Timeout = 180_000)]
    public async Task A_plan_can_drive_its_load_from_a_child_perfnb_process()
    {
        var cli = LocateCli();
        var marker = Guid.NewGuid().ToString("N");
        var stack = StackCatalog.Get("starlette-uvicorn") with { Environment = new Dictionary<string, string> { ["PERFNB_TEST_MARK"] = marker } };
        var plan = new ExperimentPlan
        {
            Name = "child",
            Matrices = [new PlanMatrix { Stacks = [stack], Endpoints = ["/plaintext"], Levels = [8] }],
            Repetitions = 1,
            Warmup = TimeSpan.FromMilliseconds(300),
            Duration = TimeSpan.FromSeconds(1),
            Cooldown = TimeSpan.Zero,
        };
        using var session = RunStore.Create(_root.Path, plan, SyntheticRun.Environment());
        try
        {
            await new ExperimentRunner(new OutOfProcessLoadRunner { CliPath = cli }).RunAsync(session);
        }
        finally
        {
            Assert.Empty(await ProcessTable.WaitGoneAsync(() => ProcessTable.WithEnvironment("PERFNB_TEST_MARK", marker), TimeSpan.FromSeconds(10)));
        }
        var cell = Assert.Single(RunStore.Load(session.Directory).Results);
        Assert.True(cell.Summary.Requests > 50, $"{cell.Summary.Requests} requests");
        Assert.NotNull(cell.Corrected);
        Assert.Equal(cell.Summary.Requests, cell.Corrected!.TotalCount);
    }

    /// <summary>perfnb.dll as built in this checkout (scripts/test.sh builds the whole solution first).</summary>
    private static string LocateCli()
    {
        Assert.True(File.Exists(Perfnb.Dll), $"build the CLI first: {Perfnb.Dll} is missing");
        return Perfnb.Dll;
    }
}
