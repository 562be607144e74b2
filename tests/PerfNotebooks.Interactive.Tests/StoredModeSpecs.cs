namespace PerfNotebooks.Interactive.Tests;

/// <summary>
/// PERFNB_STORED: what scripts/render-notebooks.sh sets so the committed notebooks show the stored reference
/// runs. Cells that would measure show stored cells instead, say so, and start nothing.
/// </summary>
public sealed class StoredModeSpecs : IDisposable
{
    private static readonly string SeedReference = Path.Combine(RepoRoot.Path, "data", "runs", "seed-reference");

    // Quick mode (CI) shrinks a plan to its end levels; the stored answers here are checked against full plans,
    // as scripts/render-notebooks.sh renders them (it unsets PERFNB_QUICK too).
    private readonly string? _quick = Environment.GetEnvironmentVariable("PERFNB_QUICK");

    public StoredModeSpecs()
    {
        Environment.SetEnvironmentVariable("PERFNB_STORED", SeedReference);
        Environment.SetEnvironmentVariable("PERFNB_QUICK", null);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PERFNB_STORED", null);
        Environment.SetEnvironmentVariable("PERFNB_QUICK", _quick);
    }

    [Fact(Timeout = 120_000)]
    public async Task In_stored_mode_a_load_shows_the_nearest_stored_cell_and_starts_no_server()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var start = await kernel.RunAsync("#!pyserver start starlette-uvicorn --name web");
        Assert.Null(start.Error);
        Assert.Contains("not started", start.Html);
        Assert.Empty(Processes.OurServers());

        var load = await kernel.RunAsync("#!load web -c 24 -d 5s --name result");
        Assert.Null(load.Error);
        // 32 connections is the stored level nearest to 24; the note names the cell and the run.
        Assert.Contains("starlette-uvicorn_plaintext_w2_c32_rep1", load.Html);
        Assert.Contains("seed-reference", load.Html);
        Assert.Equal(2, load.ChartDisplays);
        Assert.Equal("32", (await kernel.RunAsync("result.Spec.Connections")).Value);
        Assert.True(long.Parse((await kernel.RunAsync("result.Summary.Requests")).Value!, System.Globalization.CultureInfo.InvariantCulture) > 1000);

        var url = await kernel.RunAsync("#!load http://127.0.0.1:9/plaintext -d 1s");
        Assert.NotNull(url.Error);
        Assert.Contains("stored mode", url.Error);

        Assert.Null((await kernel.RunAsync("#!pyserver stop web")).Error);
        Assert.Empty(Processes.OurServers());
    }

    [Fact(Timeout = 120_000)]
    public async Task In_stored_mode_a_comparison_shows_the_stored_cells_its_plan_asks_for_and_names_the_rest()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var all = await kernel.RunAsync("#!compare --stacks flask-gunicorn,tornado --endpoints /io?ms=10 --concurrency 1,256 --name io");
        Assert.Null(all.Error);
        Assert.Contains("It holds every condition", all.Html);
        Assert.True(all.ChartDisplays >= 2);
        Assert.Equal("12", (await kernel.RunAsync("io.Results.Count")).Value); // 2 stacks x 2 levels x 3 repetitions

        var part = await kernel.RunAsync("#!compare --stacks flask-gunicorn --endpoints /plaintext --concurrency 32 --workers 1,2,4 --name sweep");
        Assert.Null(part.Error);
        Assert.Contains("It holds 2 of the 3 conditions", part.Html);
        Assert.Contains("flask-gunicorn_plaintext_w4_c32", part.Html);

        var none = await kernel.RunAsync("#!compare --stacks fastapi-uvicorn --endpoints /json --concurrency 7");
        Assert.NotNull(none.Error);
        Assert.Contains("no stored run holds any condition", none.Error);
        Assert.Empty(Processes.OurServers());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stored_run_loaded_in_a_notebook_can_be_saved_as_a_markdown_write_up()
    {
        using var kernel = await NotebookKernel.StartAsync();
        var folder = Directory.CreateTempSubdirectory("perfnb-md-");
        try
        {
            var md = Path.Combine(folder.FullName, "seed.md");
            var cell = await kernel.RunAsync($"#!runs --load seed-reference --out {Path.GetDirectoryName(SeedReference)} --save-md {md}");
            Assert.Null(cell.Error);
            Assert.Contains("write-up: " + md, cell.Text);
            Assert.Contains("(seed-files/throughput.svg)", await File.ReadAllTextAsync(md));
            Assert.True(File.Exists(Path.Combine(folder.FullName, "seed-files", "throughput.svg")));

            var stored = await kernel.RunAsync($"#!compare --stacks tornado --endpoints /io?ms=10 --concurrency 1,256 --save-md {Path.Combine(folder.FullName, "io.md")}");
            Assert.Null(stored.Error);
            Assert.Contains("| tornado |", await File.ReadAllTextAsync(Path.Combine(folder.FullName, "io.md")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

}
