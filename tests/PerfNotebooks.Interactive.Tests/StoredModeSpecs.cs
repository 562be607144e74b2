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
    public async Task In_stored_mode_a_profiled_load_shows_a_profiled_cell_and_a_fixed_load_never_does()
    {
        Environment.SetEnvironmentVariable("PERFNB_STORED", Path.Combine(RepoRoot.Path, "data", "runs", "spikes-reference"));
        using var kernel = await NotebookKernel.StartAsync();
        Assert.Null((await kernel.RunAsync("#!pyserver start tornado --name t")).Error);

        // A spike shows the stored spike of that stack (its profile, not a fixed rate at its peak).
        var spike = await kernel.RunAsync("#!load t --endpoint /io?ms=10 --profile spike:base=40,peak=400,at=3s,for=3s --name spike");
        Assert.Null(spike.Error);
        Assert.Contains("tornado_io-ms-10_w2_pspike-base-40-peak-400-at-3s-for-3s", spike.Html);
        Assert.Equal("spike", (await kernel.RunAsync("spike.Spec.Profile.Kind")).Value);
        Assert.Equal("12", (await kernel.RunAsync("spike.Spec.Duration.TotalSeconds")).Value);

        // The run holds only spikes: a constant 400 req/s is not answered by a spike peaking at 400.
        var fixedRate = await kernel.RunAsync("#!load t --endpoint /io?ms=10 --rate 400");
        Assert.NotNull(fixedRate.Error);
        Assert.Contains("no stored cell of tornado on /io?ms=10 (400 req/s over 32 connections)", fixedRate.Error);
        var closed = await kernel.RunAsync("#!load t --endpoint /io?ms=10 -c 64");
        Assert.NotNull(closed.Error);
        Assert.Contains("64 connections, closed loop", closed.Error);
        Assert.Empty(Processes.OurServers());
    }

    [Fact(Timeout = 120_000)]
    public async Task In_stored_mode_a_websocket_load_shows_the_stored_echo_or_broadcast_it_asks_for()
    {
        Environment.SetEnvironmentVariable("PERFNB_STORED", Path.Combine(RepoRoot.Path, "data", "runs", "realtime-reference"));
        using var kernel = await NotebookKernel.StartAsync();
        Assert.Null((await kernel.RunAsync("#!pyserver start aiohttp --name chat")).Error);

        var echo = await kernel.RunAsync("#!load chat --endpoint /ws/echo -c 50 --name echo");
        Assert.Null(echo.Error);
        Assert.Contains("aiohttp_ws-echo_w1_c64_rep1", echo.Html);
        Assert.Equal("ws", (await kernel.RunAsync("echo.Spec.Url.Scheme")).Value);

        var room = await kernel.RunAsync("#!load chat --endpoint /ws/broadcast --rooms 4 -c 64 --rate 200 --name room");
        Assert.Null(room.Error);
        Assert.Contains("aiohttp_ws-broadcast_w1_r200_m4c64_rep1", room.Html);
        Assert.Contains("broadcast over 4 rooms", room.Html);
        Assert.Equal("4", (await kernel.RunAsync("room.Spec.WebSocket.Rooms")).Value);

        // A broadcast path loaded as an echo (no --rooms) is not a stored echo.
        var notEcho = await kernel.RunAsync("#!load chat --endpoint /ws/broadcast -c 64");
        Assert.NotNull(notEcho.Error);
        Assert.Contains("no stored cell of aiohttp on /ws/broadcast", notEcho.Error);
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
