using System.Text.Json;

namespace PerfNotebooks.Cli.Tests.Servers;

/// <summary><c>perfnb servers</c>: the catalog, as a table and as JSON.</summary>
public sealed class ServersCommandSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task Servers_json_lists_every_stack_with_its_defaults_and_whether_it_is_installed()
    {
        var (code, stdout, stderr) = await Perfnb.RunAsync(["servers", "--json"], TimeSpan.FromSeconds(50));
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var stacks = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(PerfNotebooks.Servers.StackCatalog.All.Count, stacks.Count);
        var gthread = stacks.Single(s => s.GetProperty("name").GetString() == "flask-gunicorn-gthread");
        Assert.Equal("flask", gthread.GetProperty("app").GetString());
        Assert.Equal("gunicorn", gthread.GetProperty("server").GetString());
        Assert.Equal("gthread", gthread.GetProperty("workerClass").GetString());
        Assert.Equal(2, gthread.GetProperty("workers").GetInt32());
        Assert.Equal(4, gthread.GetProperty("threads").GetInt32());
        Assert.All(stacks, s => Assert.True(s.GetProperty("installed").GetBoolean(), s.GetProperty("detail").GetString()));
        Assert.Contains("uwsgi", stacks.Single(s => s.GetProperty("name").GetString() == "flask-uwsgi").GetProperty("detail").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Servers_prints_a_table_with_a_row_per_stack()
    {
        var (code, stdout, stderr) = await Perfnb.RunAsync(["servers"], TimeSpan.FromSeconds(50));
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0]);
        Assert.Contains("INSTALLED", lines[0]);
        Assert.Equal(PerfNotebooks.Servers.StackCatalog.All.Count + 1, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("flask-waitress ", StringComparison.Ordinal) && l.Contains("yes: ") && l.Contains("waitress 2."));
    }

    [Fact(Timeout = 60_000)]
    public async Task Servers_with_a_python_that_does_not_exist_says_why_each_stack_is_not_installed()
    {
        var (code, stdout, _) = await Perfnb.RunAsync(["servers", "--python", "/opt/none/python3"], TimeSpan.FromSeconds(50));
        Assert.Equal(0, code);
        var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(PerfNotebooks.Servers.StackCatalog.All.Count, rows.Count);
        Assert.All(rows, r => Assert.Contains("no: ", r));
        Assert.Contains(rows, r => r.Contains("Python interpreter /opt/none/python3 not found"));
    }
}
