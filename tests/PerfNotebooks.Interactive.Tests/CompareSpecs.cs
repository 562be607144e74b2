namespace PerfNotebooks.Interactive.Tests;

/// <summary>#!compare and #!runs in a real C# kernel: a small real plan, stored, listed, loaded back.</summary>
public sealed class CompareSpecs : IDisposable
{
    private readonly string _runs = Directory.CreateTempSubdirectory("perfnb-nb-runs-").FullName;

    [Fact(Timeout = 180_000)]
    public async Task I_can_compare_two_stacks_then_list_and_reload_the_run_without_measuring_again()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var compare = await kernel.RunAsync(
            $"#!compare --stacks wsgi-gunicorn,starlette-uvicorn --endpoints /plaintext --concurrency 4 --duration 1s --warmup 200ms --repeat 1 --equal-within 10% --no-pin --out {_runs} --name cmp");

        Assert.Null(compare.Error);
        Assert.Contains("comparison cmp", compare.Html);
        Assert.Contains("perfnb-plotly-inline", compare.Html);
        Assert.Equal(1, CountOf(compare.Html, "perfnb-plotly-inline")); // plotly.js once, not once per chart
        Assert.Contains("Plotly.newPlot", compare.Html);
        Assert.True(compare.ChartDisplays >= 2, "each chart is a display of its own with its static image");
        Assert.Contains("<table", compare.Html);
        Assert.Equal("2", (await kernel.RunAsync("cmp.Results.Count")).Value);
        // The same verdicts as perfnb compare: verdicts.csv and claims.csv beside results.csv, the band asked for, no CPU placement (--no-pin).
        var folder = (await kernel.RunAsync("cmp.Directory")).Value!;
        var verdicts = PerfNotebooks.Reporting.ConclusionFiles.ReadVerdicts(folder);
        Assert.NotEmpty(verdicts);
        Assert.All(verdicts, v => Assert.Equal(0.1, v.Band, 12));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(verdicts[0].InWords()), compare.Html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode("equivalence band of ±10%"), compare.Html);
        Assert.True(File.Exists(Path.Combine(folder, "claims.csv")));
        Assert.Equal("True", (await kernel.RunAsync("cmp.Info.Plan.Placement is null")).Value);
        var frame = await kernel.RunAsync("cmp.ToDataFrame()");
        Assert.Contains("<table", frame.Html);
        Assert.Empty(Processes.OurServers());

        var id = (await kernel.RunAsync("cmp.Id")).Value!;
        var listed = await kernel.RunAsync($"#!runs --out {_runs}");
        Assert.Null(listed.Error);
        Assert.Contains(id, listed.Html);

        var reloaded = await kernel.RunAsync($"#!runs --load {id} --out {_runs} --name again");
        Assert.Null(reloaded.Error);
        Assert.Equal("2", (await kernel.RunAsync("again.Results.Count")).Value);
        Assert.Equal(
            (await kernel.RunAsync("cmp.Results[0].Summary.Requests")).Value,
            (await kernel.RunAsync("again.Results[0].Summary.Requests")).Value);

        // --stored renders a stored run instead of measuring, when it exists.
        var runsBefore = Directory.GetDirectories(_runs).Length;
        var stored = await kernel.RunAsync($"#!compare --stacks wsgi-gunicorn --stored {id} --out {_runs} --name fromStore");
        Assert.Null(stored.Error);
        Assert.Contains("rendered from the stored run", stored.Html);
        Assert.Equal("2", (await kernel.RunAsync("fromStore.Results.Count")).Value);
        Assert.Equal(runsBefore, Directory.GetDirectories(_runs).Length);
    }

    [Fact(Timeout = 60_000)]
    public async Task Bad_compare_and_runs_input_gives_a_one_line_error()
    {
        using var kernel = await NotebookKernel.StartAsync();
        var cases = new (string Code, string Expected)[]
        {
            ("#!compare", "needs --preset"),
            ("#!compare --preset quick --stacks tornado", "not both"),
            ("#!compare --preset nope", "nope"),
            ("#!compare --stacks tornadoo", "Did you mean 'tornado'"),
            ($"#!compare --stacks tornado --duration 10x --out {_runs}", "--duration '10x' is not a duration"),
            ($"#!compare --stacks tornado --concurrency 0 --out {_runs}", "--concurrency '0'"),
            ($"#!runs --load nosuch --out {_runs}", "nosuch"),
            ($"#!compare --stacks tornado --equal-within 0.05 --out {_runs}", "--equal-within '0.05' is out of range"),
        };
        foreach (var (code, expected) in cases)
        {
            var cell = await kernel.RunAsync(code);
            Assert.NotNull(cell.Error);
            Assert.Contains(expected, cell.Error);
            Assert.DoesNotContain("\n   at ", cell.Error);
        }
        Assert.Equal("2", (await kernel.RunAsync("1 + 1")).Value);
    }

    [Fact(Timeout = 180_000)]
    public async Task Interrupting_a_comparison_stops_its_load_and_its_server()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var cell = kernel.RunAsync($"#!compare --stacks wsgi-gunicorn --concurrency 2 --duration 30s --repeat 1 --out {_runs} --name stopped");
        await PyServerSpecs.WaitUntilAsync(() => Processes.OurLoadRunners().Count > 0, 60);
        Assert.NotEmpty(Processes.OurServers());
        await kernel.InterruptAsync();
        var result = await cell;

        Assert.NotNull(result.Error);
        await PyServerSpecs.WaitUntilAsync(() => Processes.OurServers().Count == 0 && Processes.OurLoadRunners().Count == 0, 20);
        Assert.Empty(Processes.OurServers());
        Assert.Empty(Processes.OurLoadRunners());
    }

    public void Dispose() => Directory.Delete(_runs, recursive: true);

    private static int CountOf(string text, string what) => text.Split(what).Length - 1;
}
