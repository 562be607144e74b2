using PerfNotebooks.Core.Tests.Hosts.Support;
using PerfNotebooks.Hosts;

namespace PerfNotebooks.Core.Tests.Hosts;

[Trait("Category", "Distributed")]
[Collection(DistributedCollection.Name)]
public sealed class HostProbeSpecs(LabFixture fixture)
{
    private readonly NetnsLab _lab = fixture.Lab;

    [DistributedFact(Timeout = 60_000)]
    public async Task A_host_reports_its_cpu_kernel_python_and_package_versions()
    {
        await using var connection = await SshConnection.OpenAsync(_lab.Hosts[0].Address, _lab.SshOptions);

        var env = await HostProbe.EnvironmentAsync(connection, "/usr/bin/python3", ["gunicorn", "flask", "no-such-distribution"]);

        // The namespace is this machine: what it reports must be what this machine says.
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), env.Kernel);
        Assert.Equal(Environment.ProcessorCount, env.Cores);
        Assert.Equal("x86_64", env.Architecture);
        Assert.NotEmpty(env.CpuModel);
        Assert.True(env.MemoryBytes > 100_000_000);
        Assert.Matches(@"^3\.\d+\.\d+$", env.PythonVersion);
        Assert.Matches(@"^\d+\.\d+", env.Packages["gunicorn"]);
        Assert.Equal("missing", env.Packages["no-such-distribution"]);
        Assert.Equal(_lab.Hosts[0].Address.ToString(), env.Address);
    }

    [DistributedFact(Timeout = 60_000)]
    public async Task A_host_without_the_interpreter_reports_every_package_missing()
    {
        await using var connection = await SshConnection.OpenAsync(_lab.Hosts[0].Address, _lab.SshOptions);

        var env = await HostProbe.EnvironmentAsync(connection, "/nonexistent/python3", ["gunicorn"]);

        Assert.Equal("", env.PythonVersion);
        Assert.Equal("missing", env.Packages["gunicorn"]);
        Assert.NotEmpty(env.Kernel);
    }

    [DistributedFact(Timeout = 400_000)]
    public async Task The_deployed_perfnb_says_which_stacks_run_on_the_host_as_perfnb_servers_does()
    {
        var bundle = await TestBundles.RealAsync();
        await using var connection = await SshConnection.OpenAsync(_lab.Hosts[2].Address, _lab.SshOptions);
        var deployed = await new PerfnbDeployer { DeployRoot = _lab.Hosts[2].DeployRoot }.DeployAsync(connection, bundle);

        var here = await HostProbe.StacksAsync(connection, deployed, "/usr/bin/python3");
        var broken = await HostProbe.StacksAsync(connection, deployed, "/nonexistent/python3");

        Assert.Contains(here, s => s is { Stack: "flask-gunicorn", Installed: true } && s.Detail.Contains("gunicorn", StringComparison.Ordinal));
        var flask = Assert.Single(broken, s => s.Stack == "flask-gunicorn");
        Assert.False(flask.Installed);
        Assert.Contains("/nonexistent/python3", flask.Detail, StringComparison.Ordinal);
    }
}
