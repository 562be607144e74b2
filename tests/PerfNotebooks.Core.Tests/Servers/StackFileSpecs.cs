using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>Stack files: stacks a user defines entirely, started like the catalog's; every mistake named by file, line and column.</summary>
public sealed class StackFileSpecs : IDisposable
{
    private readonly OwnAppFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string File(string text, string name = "perfnb.stacks.json")
    {
        _folder.Write(name, text);
        return Path.Combine(_folder.Path, name);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stack_file_stack_fills_its_placeholders_and_starts_in_its_own_folder_with_its_environment()
    {
        _folder.Write("apps/env_app.py", """
            import os
            def app(environ, start_response):
                body = ("%s workers=%s" % (os.environ.get("GREETING"), os.environ.get("WORKERS_ASKED"))).encode()
                start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
                return [body]
            """);
        var file = File("""
            // Comments and trailing commas are fine.
            {"stacks": [
              {"name": "env-waitress",
               "command": ["{python}", "-m", "waitress", "--host={host}", "--port={port}", "--threads={threads}", "env_app:app"],
               "threads": 3,
               "environment": {"GREETING": "hi", "WORKERS_ASKED": 1},
               "workingDirectory": "apps",
               "readyPath": "/",},
            ]}
            """);
        var stack = Assert.Single(StackFile.Load(file));
        Assert.Equal(Path.Combine(_folder.Path, "apps"), stack.WorkingDirectory);
        Assert.Equal(Path.GetFullPath(file), stack.Source);
        Assert.Equal(3, stack.Threads);

        var server = await ServerLauncher.StartAsync(stack);
        var pids = server.ProcessIds();
        try
        {
            Assert.Equal("hi workers=1", (await RawHttp.GetAsync(server.BaseUrl, "/")).Text);
            Assert.Equal("user-defined", server.Versions.Server);
        }
        finally
        {
            await server.DisposeAsync();
        }
        ServerAssert.NothingLeft(server.Pid, pids);
    }

    [Fact]
    public void The_default_file_is_read_from_the_folder_when_there_is_one_and_none_is_no_stacks()
    {
        Assert.Empty(StackFile.LoadUserStacks(null, _folder.Path));
        File("""{"stacks": [{"name": "mine", "command": ["{python}", "-m", "http.server", "--bind", "{host}", "{port}"]}]}""");
        var stack = Assert.Single(StackFile.LoadUserStacks(null, _folder.Path));
        Assert.Equal("mine", stack.Name);
        Assert.Null(stack.ReadyPath);
        Assert.Equal(_folder.Path, stack.WorkingDirectory);
    }

    [Fact]
    public void A_named_stack_file_that_does_not_exist_is_one_line()
    {
        var error = Assert.Throws<PerfNotebooksException>(() => StackFile.LoadUserStacks(Path.Combine(_folder.Path, "nope.json")));
        Assert.Contains("nope.json does not exist", error.Message);
    }

    [Fact]
    public void A_users_stack_is_found_by_name_before_the_catalog_and_an_unknown_name_lists_both()
    {
        var users = StackFile.Load(File("""{"stacks": [{"name": "mine", "command": ["x", "{port}"]}]}"""));
        Assert.Equal("mine", StackCatalog.Get("MINE", users).Name);
        Assert.Equal("flask-gunicorn", StackCatalog.Get("flask-gunicorn", users).Name);
        var error = Assert.Throws<PerfNotebooksException>(() => StackCatalog.Get("mien", users));
        Assert.Contains("unknown stack 'mien'. Did you mean 'mine'? Yours: mine. The catalog's: django-runserver,", error.Message);
    }

    [Theory]
    [InlineData("{\"stacks\": [\n  {\"name\": \"a\" \"command\": []}\n]}", "2:16", "is not valid JSON")]
    [InlineData("{\"stacks\": [\n  {\"name\": \"a\",\n   \"comand\": [\"x\"]}\n]}", "3:4", "unknown field \"comand\". Did you mean \"command\"?")]
    [InlineData("{\"stacks\": [\n  {\"name\": \"a\"}\n]}", "2:3", "stack 'a' needs a \"command\"")]
    [InlineData("{\"stacks\": [\n  {\"name\": \"a\", \"command\": [\"{python}\", \"-p\", \"{prot}\"]}\n]}", "2:47", "unknown placeholder {prot} in stack 'a'")]
    [InlineData("{\"stacks\": [\n  {\"name\": \"a\", \"command\": [\"x\", \"8000\"]}\n]}", "2:17", "the command must bind {port}")]
    [InlineData("{\"stacks\": [\n  {\"name\": \"a\", \"command\": [\"x\", \"{port}\"],\n   \"workers\": 0}\n]}", "3:4", "\"workers\" must be a whole number from 1 to")]
    [InlineData("{\"stacks\": [\n  {\"name\": \"a\", \"command\": [\"x\", \"{port}\"]},\n  {\"name\": \"a\", \"command\": [\"y\", \"{port}\"]}\n]}", "3:4", "a second stack is named 'a'")]
    [InlineData("{\"stacks\": [\n  {\"name\": \"flask-gunicorn\", \"command\": [\"x\", \"{port}\"]}\n]}", "2:4", "is the name of a catalog stack")]
    [InlineData("{\"stacks\": [\n  {\"name\": \"a\", \"command\": [\"x\", \"{port}\"], \"workingDirectory\": \"no/such\"}\n]}", "2:45", "working directory 'no/such' of stack 'a' does not exist")]
    [InlineData("{\"stacks\": [\n  {\"name\": \"a b\", \"command\": [\"x\", \"{port}\"]}\n]}", "2:4", "stack name 'a b' may hold letters")]
    [InlineData("{\"stacks\": [\n  {\"name\": \"a\", \"command\": [\"x\", \"{port}\"], \"readyPath\": \"healthz\"}\n]}", "2:45", "\"readyPath\" 'healthz' must start with /")]
    [InlineData("{\"stack\": []}", "1:2", "unknown field \"stack\". Did you mean \"stacks\"?")]
    [InlineData("[\"a\"]", "1:2", "each entry of the stack file must be an object")]
    [InlineData("", "1:1", "is not valid JSON")]
    public void An_invalid_stack_file_is_one_line_naming_the_file_line_and_column(string text, string position, string expected)
    {
        var file = File(text);
        var error = Assert.Throws<PerfNotebooksException>(() => StackFile.Load(file));
        Assert.True(error.Message.StartsWith($"{file}:{position}: ", StringComparison.Ordinal), error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
