namespace PerfNotebooks.Interactive.Tests;

/// <summary>#!pyserver start --app and #!compare --app: a user's own app from a notebook cell.</summary>
public sealed class OwnAppSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("perfnb-nb-ownapp-").FullName;

    public OwnAppSpecs()
    {
        File.WriteAllText(Path.Combine(_folder, "hello_app.py"), """
            def app(environ, start_response):
                body = b"hello from my app" if environ["PATH_INFO"] == "/hello" else b"ok"
                start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
                return [body]
            """);
        File.WriteAllText(Path.Combine(_folder, "requests.json"), """{"requests": [{"name": "hi", "path": "/hello"}, {"method": "POST", "path": "/anything", "body": {"a": 1}}]}""");
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact(Timeout = 90_000)]
    public async Task I_can_start_my_own_app_under_a_server_and_stop_it()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var started = await kernel.RunAsync($"#!pyserver start --app hello_app:app --app-dir {_folder} --servers cheroot --ready-path /hello --name mine");
        Assert.Null(started.Error);
        Assert.Contains("hello_app-cheroot", started.Html);
        var url = (await kernel.RunAsync("mine.BaseUrl.ToString()")).Value!;
        using (var http = new HttpClient())
            Assert.Equal("hello from my app", await http.GetStringAsync(new Uri(new Uri(url), "/hello")));
        var pid = int.Parse((await kernel.RunAsync("mine.Pid")).Value!, System.Globalization.CultureInfo.InvariantCulture);

        var stopped = await kernel.RunAsync("#!pyserver stop mine");
        Assert.Null(stopped.Error);
        await Processes.AssertGoneAsync(pid, []);
    }

    [Fact(Timeout = 180_000)]
    public async Task I_can_compare_my_own_app_under_two_servers_with_a_request_file()
    {
        using var kernel = await NotebookKernel.StartAsync();
        var runs = Path.Combine(_folder, "runs");

        var compare = await kernel.RunAsync(
            $"#!compare --app hello_app:app --app-dir {_folder} --servers gunicorn,waitress --requests {Path.Combine(_folder, "requests.json")} --concurrency 2 --duration 1s --warmup 200ms --repeat 1 --out {runs} --name mine");

        Assert.True(compare.Error is null, compare.Error);
        Assert.Equal("4", (await kernel.RunAsync("mine.Results.Count")).Value);
        Assert.Equal("hi,POST /anything,hi,POST /anything", (await kernel.RunAsync("string.Join(\",\", mine.Results.Select(r => r.Cell.Endpoint))")).Value);
        Assert.Equal("0", (await kernel.RunAsync("mine.Results.Sum(r => r.Summary.Errors)")).Value);
        Assert.Empty(Processes.OurServers());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_does_not_fit_my_app_is_a_one_line_error()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var cell = await kernel.RunAsync($"#!pyserver start --app hello_app:app --app-dir {_folder} --servers daphne");

        Assert.Equal("daphne serves ASGI apps, and hello_app:app is a WSGI app; servers that fit it: gunicorn, gunicorn-gthread, gunicorn-gevent, gunicorn-gevent-websocket, waitress, uwsgi, cheroot, twisted.", cell.Error);
        Assert.Empty(Processes.OurServers());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_cell_can_pass_stack_specs_it_built_to_compare()
    {
        using var kernel = await NotebookKernel.StartAsync();
        var runs = Path.Combine(_folder, "runs");
        Assert.Null((await kernel.RunAsync("var single = StackCatalog.Get(\"wsgi-gunicorn\") with { Name = \"wsgi-gunicorn-1\", Workers = 1 };")).Error);

        var compare = await kernel.RunAsync($"#!compare --specs single --endpoints /plaintext --concurrency 2 --duration 1s --warmup 200ms --repeat 1 --out {runs} --name cmp");

        Assert.True(compare.Error is null, compare.Error);
        Assert.Equal("wsgi-gunicorn-1 1", (await kernel.RunAsync("cmp.Results.Single().Cell.Stack.Name + \" \" + cmp.Results.Single().Cell.Workers")).Value);
        Assert.Empty(Processes.OurServers());

        var missing = await kernel.RunAsync("#!compare --specs nothere --endpoints /plaintext");
        Assert.StartsWith("--specs: there is no C# variable named 'nothere'", missing.Error);
        var wrong = await kernel.RunAsync("var notASpec = 42;\n");
        Assert.Null(wrong.Error);
        Assert.Equal("--specs: 'notASpec' holds a Int32, not a StackSpec (nor a list of them).", (await kernel.RunAsync("#!compare --specs notASpec")).Error);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_list_shows_a_stack_files_stacks_as_mine()
    {
        var file = Path.Combine(_folder, "stacks.json");
        File.WriteAllText(file, """{"stacks": [{"name": "hello-waitress", "command": ["{python}", "-m", "waitress", "--port={port}", "hello_app:app"]}]}""");
        using var kernel = await NotebookKernel.StartAsync();

        var cell = await kernel.RunAsync($"#!pyserver list --stack-file {file}");

        Assert.Null(cell.Error);
        Assert.Contains("hello-waitress", cell.Html);
        Assert.Contains(">yours</span>", cell.Html);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_server_started_with_a_database_answers_the_workloads_and_stopping_it_removes_the_database()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var started = await kernel.RunAsync("#!pyserver start falcon-gunicorn --db sqlite --name withDb");
        Assert.True(started.Error is null, started.Error);
        var url = (await kernel.RunAsync("withDb.BaseUrl.ToString()")).Value!;
        using (var http = new HttpClient())
            Assert.Contains("randomNumber", await http.GetStringAsync(new Uri(new Uri(url), "/db")));
        var pid = int.Parse((await kernel.RunAsync("withDb.Pid")).Value!, System.Globalization.CultureInfo.InvariantCulture);
        var file = (await kernel.RunAsync("withDb.Spec.Environment[\"PERFNB_DB_PATH\"]")).Value!;
        Assert.True(File.Exists(file), file);

        Assert.Null((await kernel.RunAsync("#!pyserver stop withDb")).Error);
        await Processes.AssertGoneAsync(pid, []);
        Assert.False(Directory.Exists(Path.GetDirectoryName(file)), $"{Path.GetDirectoryName(file)} is still there");
    }
}
