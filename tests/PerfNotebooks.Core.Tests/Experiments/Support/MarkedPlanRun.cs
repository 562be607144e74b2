using PerfNotebooks.Experiments;
using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Experiments.Support;

/// <summary>
/// A real plan run in-process for a test, with every server it starts marked (PERFNB_TEST_MARK) so the test can
/// prove afterwards that none outlived the run, whatever the run did.
/// </summary>
internal sealed class MarkedPlanRun
{
    private const string MarkVariable = "PERFNB_TEST_MARK";

    private readonly string _marker = Guid.NewGuid().ToString("N");

    /// <summary>The block with its stacks marked; with <paramref name="only"/>, just those stacks.</summary>
    public PlanMatrix Mark(PlanMatrix matrix, params string[] only) => matrix with
    {
        Stacks = matrix.Stacks
            .Where(s => only.Length == 0 || only.Contains(s.Name))
            .Select(s => s with { Environment = new Dictionary<string, string>(s.Environment) { [MarkVariable] = _marker } })
            .ToArray(),
    };

    /// <summary>Creates the run under <paramref name="root"/>, measures it, and asserts that no marked process is left.</summary>
    public async Task<RunSession> RunAsync(string root, ExperimentPlan plan)
    {
        var session = RunStore.Create(root, plan, await EnvironmentProbe.CaptureAsync());
        try
        {
            await new ExperimentRunner(InProcessLoadRunner.Instance).RunAsync(session);
        }
        finally
        {
            Assert.Empty(await ProcessTable.WaitGoneAsync(() => ProcessTable.WithEnvironment(MarkVariable, _marker), TimeSpan.FromSeconds(10)));
        }
        Assert.Equal(RunStatus.Complete, session.Info.Status);
        return session;
    }
}
