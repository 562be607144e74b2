using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>The catalog as data.</summary>
public sealed class StackCatalogSpecs
{
    [Fact]
    public void The_catalog_holds_the_seed_four_and_their_modern_peers()
    {
        string[] expected =
        [
            "django-runserver", "django-gunicorn", "flask-dev", "flask-gunicorn", "flask-gunicorn-gthread", "flask-gunicorn-gevent",
            "tornado", "wsgi-gunicorn", "starlette-uvicorn", "fastapi-uvicorn", "starlette-hypercorn", "aiohttp", "flask-waitress",
            "flask-uwsgi", "django-uvicorn", "flask-gunicorn-gevent-ws", "flask-gunicorn-defaults", "flask-gunicorn-tuned",
            // Issue 15: more of Debian's servers and frameworks.
            "django-daphne", "flask-cheroot", "flask-twisted", "quart-hypercorn", "falcon-gunicorn", "bottle-gunicorn",
        ];
        Assert.Equal(expected.Order(), StackCatalog.Names.Order());
        Assert.Equal(StackCatalog.Names.Count, StackCatalog.Names.Distinct().Count());
    }

    [Fact]
    public void Defaults_suit_a_two_core_machine_pre_fork_servers_two_workers_single_process_servers_one()
    {
        Assert.Equal(2, StackCatalog.Get("flask-gunicorn").Workers);
        Assert.Equal(2, StackCatalog.Get("starlette-uvicorn").Workers);
        Assert.Equal(1, StackCatalog.Get("aiohttp").Workers);
        Assert.Equal(1, StackCatalog.Get("flask-dev").Workers);
        Assert.Equal(4, StackCatalog.Get("flask-gunicorn-gthread").Threads);
        Assert.Equal(4, StackCatalog.Get("flask-waitress").Threads);
        Assert.Equal(4, StackCatalog.Get("flask-cheroot").Threads);
        Assert.Equal(4, StackCatalog.Get("flask-twisted").Threads);
        Assert.Equal(1, StackCatalog.Get("django-daphne").Workers);
        Assert.Null(StackCatalog.Get("flask-gunicorn").Threads);
        Assert.All(StackCatalog.All, s => Assert.Equal("127.0.0.1", s.Host));
        Assert.All(StackCatalog.All, s => Assert.Equal(0, s.Port));
        Assert.All(StackCatalog.All, s => Assert.Equal("/usr/bin/python3", s.Python));
    }

    [Fact]
    public void Names_are_found_whatever_their_case()
    {
        Assert.Equal("flask-gunicorn", StackCatalog.Get("Flask-Gunicorn").Name);
    }

    [Fact(Timeout = 60_000)]
    public async Task Every_catalog_stack_is_installed_on_this_machine_and_says_which_versions()
    {
        var installations = await StackInstallationCheck.CheckAllAsync(StackCatalog.All);
        for (var i = 0; i < installations.Count; i++)
        {
            Assert.True(installations[i].Installed, $"{StackCatalog.All[i].Name}: {installations[i].Detail}");
            Assert.Matches(@"\d+\.\d+", installations[i].Detail);
        }
    }

    [Fact]
    public void Every_catalog_command_line_names_its_interpreter_and_binds_the_given_host_and_port()
    {
        foreach (var spec in StackCatalog.All)
        {
            var plan = LaunchPlanner.Plan(spec, 45678);
            var line = string.Join(' ', plan.CommandLine);
            Assert.Contains("45678", line);
            Assert.Contains("127.0.0.1", line);
            if (spec.Server != "uwsgi") Assert.Equal("/usr/bin/python3", plan.CommandLine[0]);
            Assert.Equal("1", plan.Environment["PERFNB_SERVER"]);
        }
    }
}
