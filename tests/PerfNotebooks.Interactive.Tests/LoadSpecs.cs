namespace PerfNotebooks.Interactive.Tests;

/// <summary>#!load against real servers in a real C# kernel: result display, variable, bad input, interrupt.</summary>
public sealed class LoadSpecs
{
    [Fact(Timeout = 120_000)]
    public async Task I_can_load_a_started_server_and_read_the_result_from_a_variable()
    {
        using var kernel = await NotebookKernel.StartAsync();
        Assert.Null((await kernel.RunAsync("#!pyserver start starlette-uvicorn --name web")).Error);

        var load = await kernel.RunAsync("#!load web -c 4 -d 1s --name result");

        Assert.Null(load.Error);
        Assert.Contains("req/s", load.Html);
        Assert.Contains("perfnb-plotly-inline", load.Html);     // plotly.js inline, with the first chart: the charts draw offline
        Assert.Equal(2, load.ChartDisplays);                      // spectrum and timeline, each an interactive chart with its static image
        Assert.Contains("latency by percentile", load.Svg);
        Assert.Contains("server</th>", load.Html);               // the server's CPU and memory, sampled during the load
        var requests = long.Parse((await kernel.RunAsync("result.Summary.Requests")).Value!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(requests > 100, $"only {requests} requests in 1 s");
        Assert.Equal("0", (await kernel.RunAsync("result.Errors.Total")).Value);
        Assert.Equal("/plaintext", (await kernel.RunAsync("result.Spec.Url.AbsolutePath")).Value);

        // The extension imported PerfNotebooks.Reporting: the result goes on as a DataFrame, rendered as a table.
        var frame = await kernel.RunAsync("result.ToDataFrame()");
        Assert.Null(frame.Error);
        Assert.Contains("<table", frame.Html);
        Assert.Contains("p99_ms", frame.Html);

        Assert.Null((await kernel.RunAsync("#!pyserver stop web")).Error);
        Assert.Empty(Processes.OurServers());
    }

    [Fact(Timeout = 120_000)]
    public async Task I_can_load_a_url_at_a_constant_rate_and_see_the_result_again_through_its_formatter()
    {
        using var kernel = await NotebookKernel.StartAsync();
        Assert.Null((await kernel.RunAsync("#!pyserver start wsgi-gunicorn --name web")).Error);
        var url = (await kernel.RunAsync("web.BaseUrl + \"json\"")).Value!;

        var load = await kernel.RunAsync($"#!load {url} -c 2 -d 1s --rate 200 --name paced");
        Assert.Null(load.Error);
        Assert.Contains("constant rate 200 req/s", load.Html);

        Assert.Contains("perfnb-plotly-inline", load.Html);
        var shown = await kernel.RunAsync("paced");
        // The same kernel already has plotly.js: a later chart only refers to it, and still carries its image.
        Assert.DoesNotContain("perfnb-plotly-inline", shown.Html);
        Assert.Contains("Plotly.newPlot", shown.Html);
        Assert.Contains("data:image/svg+xml;base64,", shown.Html);

        Assert.Null((await kernel.RunAsync("#!pyserver stop --all")).Error);
    }

    [Fact(Timeout = 120_000)]
    public async Task I_can_load_a_started_servers_websocket_endpoint_and_read_its_messages()
    {
        using var kernel = await NotebookKernel.StartAsync();
        Assert.Null((await kernel.RunAsync("#!pyserver start aiohttp --name chat")).Error);

        var load = await kernel.RunAsync("#!load chat --endpoint /ws/echo -c 4 -d 1s --name echoed");

        Assert.Null(load.Error);
        Assert.Contains("WebSocket echo, closed loop, 4 connections", load.Html);
        Assert.Contains("echoed back", load.Html);
        Assert.Equal("ws", (await kernel.RunAsync("echoed.Spec.Url.Scheme")).Value);
        Assert.Equal("echo", (await kernel.RunAsync("echoed.Messages.Mode")).Value);
        var received = long.Parse((await kernel.RunAsync("echoed.Messages.Received")).Value!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(received > 100, $"only {received} messages echoed in 1 s");
        Assert.Equal("0", (await kernel.RunAsync("echoed.Errors.Total")).Value);

        var spiked = await kernel.RunAsync("#!load chat --endpoint /plaintext -c 4 --profile spike:base=20,peak=100,at=1s,for=1s --name spiked");
        Assert.Null(spiked.Error);
        Assert.Equal("spike:base=20,peak=100,at=1s,for=1s", (await kernel.RunAsync("spiked.Spec.Profile.Text")).Value);
        // The run lasts the profile's length (3 s), or quick mode's 2 s.
        Assert.Equal(QuickMode ? "2" : "3", (await kernel.RunAsync("spiked.Spec.Duration.TotalSeconds")).Value);

        Assert.Null((await kernel.RunAsync("#!pyserver stop chat")).Error);
        Assert.Empty(Processes.OurServers());
    }

    private static bool QuickMode => Environment.GetEnvironmentVariable("PERFNB_QUICK") is "1" or "true";

    [Fact(Timeout = 60_000)]
    public async Task Bad_load_input_gives_a_one_line_error_and_keeps_earlier_results()
    {
        using var kernel = await NotebookKernel.StartAsync();
        Assert.Null((await kernel.RunAsync("var kept = \"earlier\";")).Error);

        var cases = new (string Code, string Expected)[]
        {
            ("#!load", "DNI104"),
            ("#!load http://127.0.0.1:9/ -d 10x", "-d '10x' is not a duration"),
            ("#!load http://127.0.0.1:9/ -c 0", "-c '0'"),
            ("#!load http://127.0.0.1:9/ --rate -5", "--rate '-5'"),
            ("#!load http:///nohost", "not an http:// or ws:// URL with a host"),
            ("#!load http://127.0.0.1:9/ --profile spike:base=1", "--profile 'spike:base=1' is missing peak; give a profile such as"),
            ("#!load http://127.0.0.1:9/ --rate 10 --profile ramp:from=1,to=2,over=1s", "give either --rate (a constant rate) or --profile"),
            ("#!load http://127.0.0.1:9/ --rooms 2", "--rooms is for WebSocket targets"),
            ("#!load nosuch", "no server named 'nosuch'"),
            ("#!load http://127.0.0.1:9/ --name \"bad name\"", "not a C# variable name"),
        };
        foreach (var (code, expected) in cases)
        {
            var cell = await kernel.RunAsync(code);
            Assert.NotNull(cell.Error);
            Assert.Contains(expected, cell.Error);
            Assert.DoesNotContain("\n   at ", cell.Error);
        }

        Assert.Equal("earlier", (await kernel.RunAsync("kept")).Value);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_target_that_refuses_connections_is_an_error_that_says_so()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var cell = await kernel.RunAsync("#!load http://127.0.0.1:9/plaintext -c 2 -d 1s --name refused");

        Assert.NotNull(cell.Error);
        Assert.Contains("refused", cell.Error);
        Assert.Contains("127.0.0.1:9", cell.Error);
        Assert.Equal("2", (await kernel.RunAsync("1 + 1")).Value);
    }

    [Fact(Timeout = 120_000)]
    public async Task Interrupting_a_load_stops_it_soon_and_keeps_what_was_measured()
    {
        using var kernel = await NotebookKernel.StartAsync();
        Assert.Null((await kernel.RunAsync("#!pyserver start wsgi-gunicorn --name web")).Error);

        var started = DateTime.UtcNow;
        var cell = kernel.RunAsync("#!load web -c 2 -d 60s --name partial");
        // Interrupt while the load runs: soon after its child process appears. (A fixed delay is not enough:
        // in quick mode, as CI runs, #!load caps every load at 2 s, so a late interrupt finds it finished.)
        await PyServerSpecs.WaitUntilAsync(() => Processes.OurLoadRunners().Count > 0);
        await Task.Delay(1200);
        await kernel.InterruptAsync();
        var result = await cell;
        var elapsed = DateTime.UtcNow - started;

        Assert.NotNull(result.Error);
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"the load went on for {elapsed.TotalSeconds:0} s after the interrupt");
        // The kernel ends the cell at once; the load's child process stops and hands back what it measured,
        // which is still bound to the variable.
        await PyServerSpecs.WaitUntilAsync(() => Processes.OurLoadRunners().Count == 0);
        Assert.Empty(Processes.OurLoadRunners());
        Cell? partial = null;
        for (var i = 0; i < 50 && (partial is null || partial.Error is not null); i++)
        {
            partial = await kernel.RunAsync("partial.Summary.Requests");
            if (partial.Error is not null) await Task.Delay(200);
        }
        Assert.Null(partial!.Error);
        Assert.True(long.Parse(partial.Value!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        // The server the notebook started in an earlier cell keeps running; the kernel keeps working.
        Assert.Equal("False", (await kernel.RunAsync("web.HasExited")).Value);
        Assert.Null((await kernel.RunAsync("#!pyserver stop web")).Error);
        Assert.Empty(Processes.OurServers());
    }
}
