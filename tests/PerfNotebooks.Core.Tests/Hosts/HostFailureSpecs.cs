using System.Diagnostics;
using PerfNotebooks.Core.Tests.Hosts.Support;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Core.Tests.Hosts;

[Trait("Category", "Distributed")]
[Collection(DistributedCollection.Name)]
public sealed class HostFailureSpecs(LabFixture fixture)
{
    private readonly NetnsLab _lab = fixture.Lab;
    private readonly DistributedCompareSpecs _compare = new(fixture);

    [DistributedFact(Timeout = 600_000)]
    public async Task A_load_host_lost_mid_cell_fails_that_cell_only_and_a_resume_redoes_it()
    {
        using var runs = new TempFolder();
        var lost = _lab.Hosts[2];
        using var session = RunStore.Create(runs.Path, DistributedCompareSpecs.Plan(levels: [2, 3, 4]), await EnvironmentProbe.CaptureAsync(), "load-host-lost");
        CellHostLostException failure;
        try
        {
            await using (var topology = await _compare.OpenAsync(_lab.Hosts[0], [_lab.Hosts[1], lost]))
            {
                var runner = new ExperimentRunner(topology.ServerSite(TimeSpan.FromMilliseconds(250)), topology.LoadSite()!);
                failure = await Assert.ThrowsAsync<CellHostLostException>(() => RunAndLoseDuringSecondCell(runner, session, lost));
            }

            Assert.Equal(lost.Address, failure.Host);
            Assert.Contains(lost.Address.ToString(), failure.Message, StringComparison.Ordinal);
            Assert.Equal(session.Info.Plan.Cells()[1].Id, failure.Cell.Id);
            // The cell before is kept; the one that failed is stored as failed, naming the host, so a resume measures it again.
            var stored = RunStore.Load(session.Directory);
            Assert.Equal(RunStatus.Interrupted, stored.Info.Status);
            Assert.Equal(session.Info.Plan.Cells().Take(2).Select(c => c.Id), stored.Results.Select(r => r.Cell.Id));
            Assert.False(stored.Results[0].Failed);
            Assert.True(stored.Results[1].Failed);
            Assert.Equal([CellFlags.HostLost], stored.Results[1].Flags);
            Assert.Contains(lost.Address.ToString(), stored.Results[1].Note, StringComparison.Ordinal);
            await WaitUntilNothingLeft();

            lost.RestartSshd();
            session.Dispose(); // the run folder's lock
            using var resumed = RunStore.Resume(session.Directory, runs.Path);
            await using (var topology = await _compare.OpenAsync(_lab.Hosts[0], [_lab.Hosts[1], lost]))
                await new ExperimentRunner(topology.ServerSite(TimeSpan.FromMilliseconds(250)), topology.LoadSite()!).RunAsync(resumed);

            var finished = RunStore.Load(session.Directory);
            Assert.Equal(RunStatus.Complete, finished.Info.Status);
            Assert.Equal(3, finished.Results.Count);
            Assert.All(finished.Results, r => Assert.False(r.Failed));
            Assert.All(finished.Results, r => Assert.Equal(2, r.PerHost.Count));
            _compare.AssertNothingLeft();
        }
        finally
        {
            if (lost.SshdPid == 0) lost.RestartSshd();
        }
    }

    [DistributedFact(Timeout = 600_000)]
    public async Task A_server_host_lost_mid_cell_fails_that_cell_and_leaves_nothing_on_the_hosts_still_reachable()
    {
        using var runs = new TempFolder();
        var lost = _lab.Hosts[0];
        using var session = RunStore.Create(runs.Path, DistributedCompareSpecs.Plan(levels: [2, 3, 4]), await EnvironmentProbe.CaptureAsync(), "server-host-lost");
        try
        {
            CellHostLostException failure;
            await using (var topology = await _compare.OpenAsync(lost, [_lab.Hosts[1], _lab.Hosts[2]]))
            {
                var runner = new ExperimentRunner(topology.ServerSite(TimeSpan.FromMilliseconds(250)), topology.LoadSite()!);
                failure = await Assert.ThrowsAsync<CellHostLostException>(() => RunAndLoseDuringSecondCell(runner, session, lost));
            }

            Assert.Equal(lost.Address, failure.Host);
            var stored = RunStore.Load(session.Directory).Results;
            Assert.Equal([false, true], stored.Select(r => r.Failed));
            Assert.Equal([CellFlags.HostLost], stored[1].Flags);
            // The load hosts are still reachable: no generator may be left there. The lost host's own server
            // stops by itself when its input closes.
            await WaitUntilNothingLeft();
        }
        finally
        {
            if (lost.SshdPid == 0) lost.RestartSshd();
        }
    }

    /// <summary>Runs the plan and kills <paramref name="host"/>'s sshd once the second cell is under load.</summary>
    private static async Task RunAndLoseDuringSecondCell(ExperimentRunner runner, RunSession session, NetnsHost host)
    {
        var secondMeasuring = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new Reports(p =>
        {
            if (p.CellNumber == 2 && p.Phase is ExperimentPhase.WarmingUp or ExperimentPhase.Measuring) secondMeasuring.TrySetResult();
        });
        var run = runner.RunAsync(session, progress);
        var first = await Task.WhenAny(secondMeasuring.Task, run);
        if (first == run) await run; // failed early: show why
        await Task.Delay(TimeSpan.FromSeconds(1));
        host.KillSshd();
        await run;
    }

    private async Task WaitUntilNothingLeft()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                _compare.AssertNothingLeft();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(200);
            }
        }
    }

    private sealed class Reports(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }
}
