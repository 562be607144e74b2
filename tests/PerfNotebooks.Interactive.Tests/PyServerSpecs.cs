namespace PerfNotebooks.Interactive.Tests;

/// <summary>#!pyserver list | start | stop | logs in a real C# kernel, against real Python servers.</summary>
public sealed class PyServerSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task I_can_list_the_catalog_as_a_table()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var cell = await kernel.RunAsync("#!pyserver list");

        Assert.Null(cell.Error);
        Assert.Contains("<table", cell.Html);
        foreach (var stack in new[] { "django-runserver", "flask-gunicorn", "tornado", "starlette-uvicorn" })
            Assert.Contains(stack, cell.Html);
        // The set-up installs every catalog stack, so the installed column says yes for each.
        Assert.Matches(@"(\d+) stacks, \1 installed here", cell.Html);
        Assert.Contains("yes: ", cell.Html);
    }

    [Fact(Timeout = 90_000)]
    public async Task I_can_start_a_stack_see_its_card_use_its_variable_read_its_logs_and_stop_it()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var started = await kernel.RunAsync("#!pyserver start wsgi-gunicorn --workers 2 --name web");
        Assert.Null(started.Error);
        Assert.Contains("http://127.0.0.1:", started.Html);
        Assert.Contains("PIDs", started.Html);

        var pid = int.Parse((await kernel.RunAsync("web.Pid")).Value!, System.Globalization.CultureInfo.InvariantCulture);
        var pids = (await kernel.RunAsync("string.Join(\",\", web.ProcessIds())")).Value!.Split(',').Select(int.Parse).ToArray();
        Assert.True(pids.Length >= 3, $"master and 2 workers expected, saw {pids.Length}");
        Assert.Equal("2", (await kernel.RunAsync("web.Spec.Workers")).Value);

        var logs = await kernel.RunAsync("#!pyserver logs web");
        Assert.Null(logs.Error);

        var stopped = await kernel.RunAsync("#!pyserver stop web");
        Assert.Null(stopped.Error);
        Assert.Contains("stopped web", stopped.Text);
        await Processes.AssertGoneAsync(pid, pids);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missing_stack_is_an_error_naming_the_parameter()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var cell = await kernel.RunAsync("#!pyserver start");

        // --stack is optional since --app can take its place; the error names both.
        Assert.Equal("#!pyserver start needs --stack NAME (or the name alone; see #!pyserver list) or --app module:callable.", cell.Error);
    }

    [Fact(Timeout = 60_000)]
    public async Task Bad_input_gives_a_one_line_error_and_the_kernel_keeps_working()
    {
        using var kernel = await NotebookKernel.StartAsync();
        Assert.Null((await kernel.RunAsync("var before = 41;")).Error);

        var cases = new (string Code, string Expected)[]
        {
            ("#!pyserver start flask-gunicorm", "Did you mean 'flask-gunicorn'"),
            ("#!pyserver start flask-gunicorn --workers 0", "--workers '0'"),
            ("#!pyserver start flask-gunicorn --workers many", "--workers 'many'"),
            ("#!pyserver start flask-gunicorn --name 2fast", "--name '2fast' is not a C# variable name"),
            ("#!pyserver stop nosuch", "no server named 'nosuch'"),
            ("#!pyserver stop", "needs a server name or --all"),
            ("#!pyserver logs nosuch", "no server named 'nosuch'"),
            ("#!pyserver restart", "no subcommand 'restart'"),
        };
        foreach (var (code, expected) in cases)
        {
            var cell = await kernel.RunAsync(code);
            Assert.NotNull(cell.Error);
            Assert.Contains(expected, cell.Error);
            Assert.DoesNotContain("\n   at ", cell.Error); // no stack trace
            Assert.True(cell.Error!.Split('\n').Length <= 2, $"more than two lines: {cell.Error}");
        }

        Assert.Equal("42", (await kernel.RunAsync("before + 1")).Value);
        Assert.Empty(Processes.OurServers());
    }

    [Fact(Timeout = 90_000)]
    public async Task A_server_that_fails_to_start_is_a_short_error_and_leaves_nothing_behind()
    {
        using var kernel = await NotebookKernel.StartAsync();
        Assert.Null((await kernel.RunAsync("#!pyserver start wsgi-gunicorn --name first")).Error);
        var port = (await kernel.RunAsync("first.BaseUrl.Port")).Value;

        var second = await kernel.RunAsync($"#!pyserver start wsgi-gunicorn --port {port} --name second");

        Assert.NotNull(second.Error);
        Assert.Contains(port!, second.Error);
        Assert.DoesNotContain("\n   at ", second.Error);
        Assert.Null((await kernel.RunAsync("#!pyserver stop --all")).Error);
        Assert.Empty(Processes.OurServers());
    }

    [Fact(Timeout = 90_000)]
    public async Task Interrupting_a_start_stops_the_server_it_was_starting()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var cell = kernel.RunAsync("#!pyserver start django-runserver --name slow");
        await Task.Delay(400);
        await kernel.InterruptAsync();
        var result = await cell;

        Assert.NotNull(result.Error);
        await WaitUntilAsync(() => Processes.OurServers().Count == 0);
        Assert.Empty(Processes.OurServers());
        Assert.Equal("2", (await kernel.RunAsync("1 + 1")).Value);
    }

    [Fact(Timeout = 90_000)]
    public async Task Shutting_the_kernel_down_stops_every_server_the_notebook_started()
    {
        var kernel = await NotebookKernel.StartAsync();
        Assert.Null((await kernel.RunAsync("#!pyserver start wsgi-gunicorn --name a")).Error);
        Assert.Null((await kernel.RunAsync("#!pyserver start flask-gunicorn --name b")).Error);
        Assert.True(Processes.OurServers().Count >= 2);

        kernel.Dispose();

        await WaitUntilAsync(() => Processes.OurServers().Count == 0);
        Assert.Empty(Processes.OurServers());
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(100);
    }
}
