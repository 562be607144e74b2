using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>
/// A user's app that cannot be served: one line saying why (Python's own last words for an import), and no
/// process left behind (neither the import probe nor a server), checked by a mark every child process inherits.
/// </summary>
[Collection(OwnAppCollection.Name)]
public sealed class OwnAppBadInputSpecs : IDisposable
{
    private readonly OwnAppFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static async Task<PerfNotebooksException> FailsAsync(UserApp app, IReadOnlyList<string>? servers = null)
    {
        using var mark = OwnAppCollection.Begin();
        var spec = new StackSpec { Name = "bad", App = app.Target, Server = servers?[0] ?? "gunicorn", UserApp = app, ReadyPath = null };
        var error = await Assert.ThrowsAsync<PerfNotebooksException>(async () =>
        {
            var stacks = await UserApps.StacksAsync(app, servers);
            await using var server = await ServerLauncher.StartAsync(stacks[0]);
        });
        Assert.DoesNotContain('\n', error.Message);
        // The launcher alone (a spec built by hand, not by StacksAsync) refuses it the same way.
        var direct = await Assert.ThrowsAsync<PerfNotebooksException>(() => ServerLauncher.StartAsync(spec));
        Assert.DoesNotContain('\n', direct.Message);
        await MarkedProcesses.AssertGoneAsync(mark.Value);
        return error;
    }

    [Fact(Timeout = 120_000)]
    public async Task A_module_that_does_not_import_is_one_line_with_the_last_line_of_pythons_error()
    {
        _folder.Write("broken.py", "import os\nimport no_such_package_here\napp = None\n");
        var error = await FailsAsync(new UserApp { Target = "broken:app", AppDirectory = _folder.Path });
        Assert.Contains("app broken:app does not import from", error.Message);
        Assert.EndsWith("ModuleNotFoundError: No module named 'no_such_package_here'", error.Message);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_module_with_a_syntax_error_names_it()
    {
        _folder.Write("typo.py", "def app(environ, start_response)\n    return []\n");
        var error = await FailsAsync(new UserApp { Target = "typo:app", AppDirectory = _folder.Path });
        Assert.Contains("SyntaxError", error.Message);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_missing_callable_names_the_module_and_the_attribute()
    {
        var error = await FailsAsync(new UserApp { Target = "wsgi_own:application", AppDirectory = _folder.Path });
        Assert.Contains("module wsgi_own has no attribute application", error.Message);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_callable_that_is_neither_wsgi_nor_asgi_says_what_was_expected()
    {
        _folder.Write("odd.py", "def app(request):\n    return 'hi'\n");
        var error = await FailsAsync(new UserApp { Target = "odd:app", AppDirectory = _folder.Path });
        Assert.Contains("is neither a WSGI app (a callable of environ, start_response) nor an ASGI app (an async callable of scope, receive, send)", error.Message);
        Assert.Contains("a function taking 1 positional argument", error.Message);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_wsgi_app_declared_asgi_says_asgi_was_expected()
    {
        var error = await FailsAsync(new UserApp { Target = "wsgi_own:app", AppDirectory = _folder.Path, Interface = AppInterface.Asgi });
        Assert.Contains("is not an ASGI app as was asked (an async callable of scope, receive, send)", error.Message);
        Assert.Contains("a WSGI app", error.Message);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_server_that_does_not_fit_the_app_names_the_ones_that_do()
    {
        var error = await FailsAsync(new UserApp { Target = "wsgi_own:app", AppDirectory = _folder.Path }, ["uvicorn"]);
        Assert.Equal(
            "uvicorn serves ASGI apps, and wsgi_own:app is a WSGI app; servers that fit it: gunicorn, gunicorn-gthread, gunicorn-gevent, gunicorn-gevent-websocket, waitress, uwsgi, cheroot, twisted.",
            error.Message);
    }

    [Fact]
    public async Task An_unknown_server_suggests_the_nearest()
    {
        var error = await Assert.ThrowsAsync<PerfNotebooksException>(() =>
            UserApps.StacksAsync(new UserApp { Target = "wsgi_own:app", AppDirectory = _folder.Path }, ["gunicron"]));
        Assert.Contains("unknown server 'gunicron'. Did you mean 'gunicorn'?", error.Message);
    }

    [Theory]
    [InlineData("wsgi_own")]
    [InlineData("wsgi_own:")]
    [InlineData("wsgi-own:app")]
    [InlineData("/tmp/x.py:app")]
    public async Task A_target_that_is_not_module_colon_callable_is_refused_before_python_runs(string target)
    {
        var error = await Assert.ThrowsAsync<PerfNotebooksException>(() => UserApps.InspectAsync(new UserApp { Target = target }));
        Assert.Contains("is not module:callable", error.Message);
    }

    [Fact]
    public async Task A_ready_path_without_a_slash_is_refused_for_an_app_and_for_any_stack()
    {
        var error = await Assert.ThrowsAsync<PerfNotebooksException>(() =>
            UserApps.StacksAsync(new UserApp { Target = "wsgi_own:app", AppDirectory = _folder.Path }, ["gunicorn"], readyPath: "healthz"));
        Assert.Contains("ready path 'healthz' is not a path", error.Message);
        error = await Assert.ThrowsAsync<PerfNotebooksException>(() => ServerLauncher.StartAsync(StackCatalog.Get("flask-gunicorn") with { ReadyPath = "plaintext" }));
        Assert.StartsWith("stack flask-gunicorn: ready path 'plaintext' is not a path", error.Message);
    }
}
