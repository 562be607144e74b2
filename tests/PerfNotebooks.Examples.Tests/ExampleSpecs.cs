namespace PerfNotebooks.Examples.Tests;

/// <summary>
/// The .NET 10 file-based apps in examples/ do what notebooks 01 and 02 do, without a notebook kernel: each runs
/// in quick mode against real servers and writes its write-up.
/// </summary>
public sealed class ExampleSpecs : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("perfnb-examples-").FullName;
    private readonly string _marker = Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        try { Directory.Delete(_out, recursive: true); } catch (IOException) { }
    }

    [Fact(Timeout = 600_000)]
    public async Task The_quickstart_example_starts_a_server_loads_it_and_writes_its_charts()
    {
        var (code, output) = await ExampleRun.RunAsync("quickstart.cs", _marker, TimeSpan.FromMinutes(8), "--out", _out);

        Assert.True(code == 0, output);
        Assert.Matches(@"[\d,]+ requests, [\d,]+ req/s, p50 [\d.,]+ ms", output);
        Assert.Contains("stopped starlette-uvicorn", output);
        var md = await File.ReadAllTextAsync(Path.Combine(_out, "quickstart.md"));
        Assert.Contains("![Latency by percentile](latency-spectrum.svg)", md);
        Assert.StartsWith("<svg", await File.ReadAllTextAsync(Path.Combine(_out, "latency-spectrum.svg")));
        Assert.StartsWith("<svg", await File.ReadAllTextAsync(Path.Combine(_out, "timeline.svg")));
        Assert.Empty(ExampleRun.Servers(_marker));
    }

    [Fact(Timeout = 600_000)]
    public async Task The_seed_comparison_example_renders_the_stored_run_as_the_notebook_does_and_writes_both_reports()
    {
        var (code, output) = await ExampleRun.RunAsync("seed-comparison.cs", _marker, TimeSpan.FromMinutes(8), "--out", _out);

        Assert.True(code == 0, output);
        Assert.Contains("rendered from the stored run seed-reference", output);
        Assert.Contains("[Agrees] Tornado handles many concurrent connections", output);
        var folder = Path.Combine(_out, "seed-reference");
        Assert.Contains("Plotly.newPlot", await File.ReadAllTextAsync(Path.Combine(folder, "report.html")));
        Assert.Contains("(report-files/throughput.svg)", await File.ReadAllTextAsync(Path.Combine(folder, "report.md")));
        Assert.True(File.Exists(Path.Combine(folder, "report-files", "throughput.svg")));
    }

    [Fact(Timeout = 900_000)]
    public async Task The_seed_comparison_example_measures_the_seed_plan_in_quick_mode()
    {
        var (code, output) = await ExampleRun.RunAsync("seed-comparison.cs", _marker, TimeSpan.FromMinutes(13), "--measure", "--out", _out);

        Assert.True(code == 0, output);
        Assert.Contains("(quick mode)", output);
        var run = Assert.Single(Directory.GetDirectories(_out));
        Assert.True(File.Exists(Path.Combine(run, "results.csv")));
        Assert.True(File.Exists(Path.Combine(run, "report.html")));
        Assert.Contains("## Verdicts", await File.ReadAllTextAsync(Path.Combine(run, "report.md")));
        Assert.Empty(ExampleRun.Servers(_marker));
    }
}
