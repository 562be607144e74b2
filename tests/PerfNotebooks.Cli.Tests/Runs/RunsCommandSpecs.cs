namespace PerfNotebooks.Cli.Tests.Runs;

/// <summary>`perfnb runs` with nothing stored (a listed real run is in CompareSpecs).</summary>
public sealed class RunsCommandSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task An_empty_store_says_how_to_make_a_run()
    {
        var root = Path.Combine(Path.GetTempPath(), "perfnb-none-" + Guid.NewGuid().ToString("N")[..10]);
        var (code, stdout, _) = await Perfnb.RunAsync(Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(50), "runs", "--out", root);
        Assert.Equal(0, code);
        Assert.Contains("no runs under", stdout);
        Assert.Contains("perfnb compare", stdout);
        var json = await Perfnb.RunAsync(Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(50), "runs", "--out", root, "--json");
        Assert.Equal("[]", json.Stdout.Trim());
    }
}
