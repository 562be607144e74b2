using System.Diagnostics;
using System.Text;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>A user's own WSGI or ASGI app, served by the catalog's server recipes: detected, started, ready, stopped.</summary>
public sealed class OwnAppSpecs : IDisposable
{
    private readonly OwnAppFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> WsgiServers => [.. UserApps.ServersFor(AppInterface.Wsgi)];

    public static TheoryData<string> AsgiServers => [.. UserApps.ServersFor(AppInterface.Asgi)];

    [Fact]
    public void The_servers_for_an_own_app_are_the_ones_the_issue_names_plus_gevent_websocket_and_twisted()
    {
        Assert.Equal(
            ["gunicorn", "gunicorn-gthread", "gunicorn-gevent", "gunicorn-gevent-websocket", "uvicorn", "hypercorn", "waitress", "uwsgi", "cheroot", "twisted", "daphne"],
            UserApps.ServerNames);
        Assert.Equal(["uvicorn", "hypercorn", "daphne"], UserApps.ServersFor(AppInterface.Asgi));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(WsgiServers))]
    public async Task A_wsgi_app_is_detected_and_served_under_every_wsgi_server(string server)
        => await ServesAsync("wsgi_own:app", server, "hello from wsgi");

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(AsgiServers))]
    public async Task An_asgi_app_is_detected_and_served_under_every_asgi_server(string server)
        => await ServesAsync("asgi_own:app", server, "hello from asgi");

    private async Task ServesAsync(string target, string server, string hello)
    {
        var stacks = await UserApps.StacksAsync(new UserApp { Target = target, AppDirectory = _folder.Path }, [server], readyPath: "/healthz");
        var spec = Assert.Single(stacks);
        Assert.Equal($"{target.Split(':')[0]}-{server}", spec.Name);
        Assert.Equal(target, spec.App);
        var server1 = await ServerLauncher.StartAsync(spec);
        var pids = server1.ProcessIds();
        try
        {
            var hi = await RawHttp.GetAsync(server1.BaseUrl, "/hello");
            Assert.Equal(200, hi.Status);
            Assert.Equal(hello, hi.Text);
            var payload = Encoding.UTF8.GetBytes("{\"n\": 1}");
            var echo = await RawHttp.SendAsync(server1.BaseUrl, "PUT", "/echo", payload, "application/json");
            Assert.Equal(payload, echo.Body);
            Assert.Equal("none (plain callable)", server1.Versions.Framework);
        }
        finally
        {
            await server1.DisposeAsync();
        }
        ServerAssert.NothingLeft(server1.Pid, pids);
    }

    [Fact(Timeout = 120_000)]
    public async Task With_a_ready_path_the_server_is_ready_only_once_that_path_answers_2xx()
    {
        var app = new UserApp { Target = "wsgi_own:app", AppDirectory = _folder.Path };
        var stack = (await UserApps.StacksAsync(app, ["gunicorn"], readyPath: "/healthz"))[0];
        var spec = stack with { Environment = new Dictionary<string, string> { ["APP_WARMUP_S"] = "2" } };
        var clock = Stopwatch.StartNew();
        await using var server = await ServerLauncher.StartAsync(spec);
        clock.Stop();
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"ready after {clock.Elapsed.TotalSeconds} s, before the app's 2 s warm-up");
        Assert.Equal(200, (await RawHttp.GetAsync(server.BaseUrl, "/healthz")).Status);
    }

    [Fact(Timeout = 120_000)]
    public async Task Without_a_ready_path_the_server_is_ready_once_its_port_accepts()
    {
        var app = new UserApp { Target = "asgi_own:app", AppDirectory = _folder.Path };
        var spec = (await UserApps.StacksAsync(app, ["uvicorn"]))[0] with { Environment = new Dictionary<string, string> { ["APP_WARMUP_S"] = "30" } };
        Assert.Null(spec.ReadyPath);
        await using var server = await ServerLauncher.StartAsync(spec);
        // Ready although /healthz would answer 503 for 30 s: the port accepting is what counted.
        Assert.Equal(503, (await RawHttp.GetAsync(server.BaseUrl, "/healthz")).Status);
        Assert.Equal("hello from asgi", (await RawHttp.GetAsync(server.BaseUrl, "/hello")).Text);
    }

    [Fact(Timeout = 120_000)]
    public async Task Without_servers_named_every_fitting_server_that_is_installed_is_used()
    {
        var stacks = await UserApps.StacksAsync(new UserApp { Target = "asgi_own:app", AppDirectory = _folder.Path });
        Assert.Equal(["asgi_own-uvicorn", "asgi_own-hypercorn", "asgi_own-daphne"], stacks.Select(s => s.Name));
        Assert.All(stacks, s => Assert.Equal(AppInterface.Asgi, s.UserApp!.Interface));
        Assert.All(stacks, s => Assert.True(Path.IsPathRooted(s.UserApp!.AppDirectory)));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_app_in_a_package_on_an_extra_import_path_is_found_and_its_framework_named()
    {
        _folder.Write("lib/shared_bits.py", "GREETING = b'hello from flask'\n");
        _folder.Write("site/web.py", """
            from flask import Flask
            import shared_bits
            app = Flask(__name__)

            @app.get("/hello")
            def hello():
                return shared_bits.GREETING
            """);
        var app = new UserApp { Target = "web:app", AppDirectory = Path.Combine(_folder.Path, "site"), PythonPath = [Path.Combine(_folder.Path, "lib")] };
        var inspection = await UserApps.InspectAsync(app);
        Assert.Equal(AppInterface.Wsgi, inspection.Interface);
        Assert.StartsWith("Flask 2.", inspection.Framework);

        await using var server = await ServerLauncher.StartAsync((await UserApps.StacksAsync(app, ["waitress"]))[0]);
        Assert.Equal("hello from flask", (await RawHttp.GetAsync(server.BaseUrl, "/hello")).Text);
        Assert.StartsWith("Flask 2.", server.Versions.Framework);
        Assert.StartsWith("waitress ", server.Versions.Server);
    }
}
