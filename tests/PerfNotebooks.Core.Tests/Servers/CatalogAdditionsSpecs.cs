using PerfNotebooks.Experiments;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>The servers and frameworks issue 15 added to the catalog report their versions, per stack and per run.</summary>
public sealed class CatalogAdditionsSpecs
{
    [Theory(Timeout = 90_000)]
    [InlineData("django-daphne", "django 3.", "daphne 4.")]
    [InlineData("flask-cheroot", "flask 2.", "cheroot 9.")]
    [InlineData("flask-twisted", "flask 2.", "twisted 22.")]
    [InlineData("quart-hypercorn", "quart 0.", "hypercorn 0.")]
    [InlineData("falcon-gunicorn", "falcon 3.", "gunicorn 20.")]
    [InlineData("bottle-gunicorn", "bottle 0.", "gunicorn 20.")]
    public async Task A_new_stack_reports_its_framework_and_server_versions(string stack, string framework, string server)
    {
        await using var running = await ServerLauncher.StartAsync(StackCatalog.Get(stack));
        Assert.StartsWith(framework, running.Versions.Framework);
        Assert.StartsWith(server, running.Versions.Server);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_runs_environment_records_the_new_packages_versions()
    {
        var environment = await EnvironmentProbe.CaptureAsync();
        foreach (var package in new[] { "daphne", "cheroot", "twisted", "quart", "falcon", "bottle" })
        {
            Assert.True(environment.Packages.TryGetValue(package, out var version), $"{package} not recorded");
            Assert.Matches(@"^\d+\.\d+", version);
        }
    }
}
