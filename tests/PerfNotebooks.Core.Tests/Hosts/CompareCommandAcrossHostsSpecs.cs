using PerfNotebooks.Core.Tests.Hosts.Support;
using PerfNotebooks.Core.Tests.Load;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Core.Tests.Hosts;

/// <summary><c>perfnb compare --server-host --load-hosts</c> itself, on the namespaced lab: the command line's path, end to end.</summary>
[Trait("Category", "Distributed")]
[Collection(DistributedCollection.Name)]
public sealed class CompareCommandAcrossHostsSpecs(LabFixture fixture)
{
    private readonly NetnsLab _lab = fixture.Lab;

    [DistributedFact(Timeout = 600_000)]
    public async Task Perfnb_compare_runs_a_plan_with_its_server_and_load_on_other_hosts_and_reports_the_topology()
    {
        using var runs = new TempFolder();
        var perfnb = OutOfProcessLoadRunnerSpecs.CliPath();
        var options = _lab.SshOptions;
        string[] args =
        [
            perfnb, "compare", "--stacks", "wsgi-gunicorn", "--endpoints", "/plaintext", "-c", "2,4", "--reps", "1",
            "-d", "1s", "--warmup", "300ms", "--cooldown", "0", "--out", runs.Path, "--name", "across",
            "--server-host", _lab.Hosts[0].Address.ToString(),
            "--load-hosts", $"{_lab.Hosts[1].Address},{_lab.Hosts[2].Address}",
            "--ssh-option", "IdentityFile=" + options.IdentityFile, "--ssh-option", "UserKnownHostsFile=" + options.KnownHostsFile,
            "--ssh-option", "StrictHostKeyChecking=yes", "--deploy-root", _lab.DeployRootPattern,
        ];

        var (code, stdout, stderr) = Commands.TryRun(TimeSpan.FromMinutes(8), "dotnet", args);

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains($"servers on {_lab.Hosts[0].Address}; load from {_lab.Hosts[1].Address}, {_lab.Hosts[2].Address}", stdout, StringComparison.Ordinal);
        var run = RunStore.Load(Path.Combine(runs.Path, "across"));
        Assert.Equal(RunStatus.Complete, run.Info.Status);
        Assert.Equal(2, run.Results.Count);
        Assert.All(run.Results, r => Assert.Equal(r.Summary.Requests, r.PerHost.Sum(h => h.Summary.Requests)));
        Assert.Equal(2 + 2 * 2, File.ReadAllLines(Path.Combine(run.Directory, RunFiles.Results)).Length - 1);
        Assert.NotNull(run.Info.Topology?.ServerHost?.Clock);
        Assert.Contains("id=\"topology\"", File.ReadAllText(Path.Combine(run.Directory, "report.html")), StringComparison.Ordinal);
        new DistributedCompareSpecs(fixture).AssertNothingLeft();
    }
}
