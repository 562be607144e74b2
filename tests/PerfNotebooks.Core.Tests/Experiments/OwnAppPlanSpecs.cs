using System.Text;
using PerfNotebooks.Core.Tests.Servers;
using PerfNotebooks.Experiments;
using PerfNotebooks.Servers;
using Db = PerfNotebooks.Backends;

namespace PerfNotebooks.Core.Tests.Experiments;

/// <summary>Plans for a user's own app and stacks: request files, stack files, stacks given as values.</summary>
public sealed class OwnAppPlanSpecs : IDisposable
{
    private readonly OwnAppFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string name, string text)
    {
        _folder.Write(name, text);
        return Path.Combine(_folder.Path, name);
    }

    [Fact]
    public void A_request_file_gives_each_entry_a_label_method_headers_and_body()
    {
        var file = Write("requests.json", """
            {"requests": [
              {"path": "/items?page=2"},
              {"method": "post", "path": "/items", "body": {"name": "pen", "tags": ["a", "b"]}},
              {"name": "rename", "method": "PUT", "path": "/items/1", "headers": {"Content-Type": "text/plain", "X-Token": 42}, "body": "ink"}
            ]}
            """);
        var requests = RequestFile.Load(file);
        Assert.Equal(["/items?page=2", "POST /items", "rename"], requests.Select(r => r.Label));
        Assert.Equal("POST", requests[1].Method);
        Assert.Equal("""{"name": "pen", "tags": ["a", "b"]}""", requests[1].Body);
        Assert.Equal("application/json", requests[1].Headers["Content-Type"]);
        Assert.Equal("text/plain", requests[2].Headers["Content-Type"]);
        Assert.Equal("42", requests[2].Headers["X-Token"]);
        Assert.Equal("ink", requests[2].Body);
    }

    [Theory]
    [InlineData("{\"requests\": [\n  {\"path\": \"items\"}\n]}", "2:4", "\"path\" 'items' must start with /")]
    [InlineData("{\"requests\": [\n  {\"path\": \"/a\", \"methd\": \"GET\"}\n]}", "2:18", "unknown field \"methd\". Did you mean \"method\"?")]
    [InlineData("{\"requests\": [\n  {\"path\": \"/a\", \"method\": \"GE T\"}\n]}", "2:18", "\"method\" 'GE T' is not an HTTP method")]
    [InlineData("{\"requests\": [\n  {\"path\": \"/a\"},\n  {\"path\": \"/a\"}\n]}", "3:3", "two requests are named '/a'")]
    [InlineData("{\"requests\": [\n  {\"method\": \"POST\"}\n]}", "2:3", "\"path\" is missing")]
    [InlineData("{\"requests\": []}", "1:1", "lists no requests")]
    [InlineData("{\"requests\": [\n  {\"path\": \"/a\",\n   \"headers\": {\"Bad Name\": \"x\"}}\n]}", "3:16", "header name 'Bad Name' is not a token")]
    [InlineData("{\"requests\": [{\"path\": \"/a\"}", "1:29", "is not valid JSON")]
    public void An_invalid_request_file_is_one_line_naming_the_file_line_and_column(string text, string position, string expected)
    {
        var file = Write("requests.json", text);
        var error = Assert.Throws<PerfNotebooksException>(() => RequestFile.Load(file));
        Assert.True(error.Message.StartsWith($"{file}:{position}: ", StringComparison.Ordinal), error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A_plan_for_my_app_crosses_it_with_the_servers_and_measures_the_request_file_entries()
    {
        var file = Write("requests.json", """[{"path": "/hello"}, {"method": "PUT", "path": "/echo", "body": "x"}]""");
        var plan = await new PlanRequest { Names = OptionSpellings.CommandLine, App = "wsgi_own:app", AppDir = _folder.Path, Servers = "gunicorn,waitress", Requests = file, Connections = "4" }.ToPlanAsync();
        var matrix = Assert.Single(plan.Matrices);
        Assert.Equal(["wsgi_own-gunicorn", "wsgi_own-waitress"], matrix.Stacks.Select(s => s.Name));
        Assert.Equal(["/hello", "PUT /echo"], matrix.Endpoints);
        var put = plan.Cells().First(c => c.Endpoint == "PUT /echo");
        Assert.Equal("PUT", put.Request!.Method);
        Assert.Equal("wsgi_own-gunicorn_put-echo_w2_c4_rep1", put.Id);

        var load = CellLoad.Spec(put, new Uri("http://127.0.0.1:9/"), plan);
        Assert.Equal("PUT", load.Method);
        Assert.Equal("/echo", load.Url.PathAndQuery);
        Assert.Equal(Encoding.UTF8.GetBytes("x"), load.Body);
    }

    [Fact]
    public async Task An_app_without_endpoints_is_measured_on_its_ready_path_or_root()
    {
        var plan = await new PlanRequest { Names = OptionSpellings.CommandLine, App = "asgi_own:app", AppDir = _folder.Path, Servers = "uvicorn", ReadyPath = "/healthz" }.ToPlanAsync();
        Assert.Equal(["/healthz"], plan.Matrices[0].Endpoints);
        plan = await new PlanRequest { Names = OptionSpellings.CommandLine, App = "asgi_own:app", AppDir = _folder.Path, Servers = "uvicorn" }.ToPlanAsync();
        Assert.Equal(["/"], plan.Matrices[0].Endpoints);
    }

    [Fact]
    public void An_app_plan_is_built_asynchronously_and_app_options_need_an_app()
    {
        Assert.Throws<InvalidOperationException>(() => new PlanRequest { Names = OptionSpellings.CommandLine, App = "wsgi_own:app" }.ToPlan());
        var error = Assert.Throws<PerfNotebooksException>(() => new PlanRequest { Names = OptionSpellings.CommandLine, Stacks = "tornado", Servers = "uvicorn" }.ToPlan());
        Assert.Equal("--servers goes with --app module:callable (an app of your own).", error.Message);
        error = Assert.Throws<PerfNotebooksException>(() => new PlanRequest { Names = OptionSpellings.CommandLine, Preset = "quick", App = "x:app" }.ToPlan());
        Assert.StartsWith("give either --preset or --app", error.Message);
        error = Assert.Throws<PerfNotebooksException>(() => new PlanRequest { Names = OptionSpellings.CommandLine, App = "x:app", Interface = "cgi" }.ToPlan());
        Assert.Equal("--interface 'cgi' is not accepted; use wsgi or asgi (or leave it out to detect it).", error.Message);
    }

    [Fact]
    public void Catalog_stacks_keep_the_endpoint_contract_and_own_stacks_take_any_path()
    {
        var error = Assert.Throws<PerfNotebooksException>(() => new PlanRequest { Names = OptionSpellings.CommandLine, Stacks = "tornado", Endpoints = "/items" }.ToPlan());
        Assert.StartsWith("unknown endpoint '/items'", error.Message);

        var stackFile = Write("stacks.json", """{"stacks": [{"name": "mine", "command": ["{python}", "-m", "http.server", "{port}"]}]}""");
        var plan = new PlanRequest { Names = OptionSpellings.CommandLine, Stacks = "mine,tornado", StackFile = stackFile, Endpoints = "/items" }.ToPlan();
        Assert.Equal(["mine", "tornado"], plan.Matrices[0].Stacks.Select(s => s.Name));
        error = Assert.Throws<PerfNotebooksException>(() => new PlanRequest { Names = OptionSpellings.CommandLine, Stacks = "mine", StackFile = stackFile, Endpoints = "items" }.ToPlan());
        Assert.StartsWith("endpoint 'items' is not a path", error.Message);
    }

    [Fact]
    public void Stacks_given_as_values_are_measured_with_the_named_ones_once_each()
    {
        var mine = StackCatalog.Get("flask-gunicorn") with { Name = "flask-gunicorn-4", Workers = 4, Source = "notebook" };
        var plan = new PlanRequest { Stacks = "tornado,flask-gunicorn-4", Specs = [mine], Names = OptionSpellings.Notebook, DefaultPreset = null }.ToPlan();
        Assert.Equal(["tornado", "flask-gunicorn-4"], plan.Matrices[0].Stacks.Select(s => s.Name));
        Assert.Equal(4, plan.Matrices[0].Stacks[1].Workers);
        plan = new PlanRequest { Specs = [mine], Names = OptionSpellings.Notebook, DefaultPreset = null }.ToPlan();
        Assert.Equal(["flask-gunicorn-4"], plan.Matrices[0].Stacks.Select(s => s.Name));
    }

    [Fact]
    public async Task A_plan_with_my_app_its_requests_and_a_database_survives_run_json_for_a_resume()
    {
        var file = Write("requests.json", """[{"method": "POST", "path": "/echo", "headers": {"X-A": "b"}, "body": {"k": [1, 2]}}]""");
        var plan = await new PlanRequest { Names = OptionSpellings.CommandLine, App = "wsgi_own:app", AppDir = _folder.Path, Servers = "waitress", Requests = file, ReadyPath = "/healthz", Database = "postgres" }.ToPlanAsync();
        var root = Path.Combine(_folder.Path, "runs");
        var session = RunStore.Create(root, plan, new EnvironmentInfo());
        session.SetDatabase(new Db.DatabaseInfo
        {
            Kind = Db.DatabaseKind.Postgres, Version = "PostgreSQL 15", Location = "/tmp/x/socket",
            Pools = new Dictionary<string, Db.DatabasePool> { ["wsgi_own-waitress"] = new(4, "the app's own") },
        });

        var loaded = RunStore.Load(session.Directory, root).Info;
        var stack = loaded.Plan.Matrices[0].Stacks[0];
        Assert.Equal("wsgi_own:app", stack.UserApp!.Target);
        Assert.Equal(AppInterface.Wsgi, stack.UserApp.Interface);
        Assert.Equal(_folder.Path, stack.UserApp.AppDirectory);
        Assert.Equal("/healthz", stack.ReadyPath);
        var request = Assert.Single(loaded.Plan.Matrices[0].Requests);
        Assert.Equal("b", request.Headers["X-A"]);
        Assert.Equal("""{"k": [1, 2]}""", request.Body);
        Assert.Equal(Db.DatabaseKind.Postgres, loaded.Plan.Database);
        Assert.Equal(4, loaded.Database!.Pools["wsgi_own-waitress"].PerWorker);
        Assert.Equal(plan.Cells().Select(c => c.Id), loaded.Plan.Cells().Select(c => c.Id));
        Assert.Equal("POST", loaded.Plan.Cells()[0].Request!.Method);
    }
}
