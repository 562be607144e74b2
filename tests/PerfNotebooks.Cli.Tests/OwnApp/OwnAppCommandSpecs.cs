using System.Text.Json;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Cli.Tests.OwnApp;

/// <summary><c>perfnb serve --app</c> and <c>perfnb compare --app</c> on the sample app, as a user runs them.</summary>
public sealed class OwnAppCommandSpecs : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(240);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perfnb-ownapp-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly string _marker = Guid.NewGuid().ToString("N");

    public OwnAppCommandSpecs() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        MarkedProcesses.KillAll(_marker);
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact(Timeout = 120_000)]
    public async Task Serve_starts_my_app_under_the_server_i_name_and_ctrl_c_stops_it()
    {
        await using var perfnb = Perfnb.Start(_marker, null,
            "serve", "--app", "shop:app", "--app-dir", SampleApp.Directory, "--servers", "waitress", "--ready-path", "/healthz");
        await perfnb.WaitForOutputAsync("Press Ctrl-C", 1, TimeSpan.FromSeconds(60));
        var url = perfnb.Stdout.Split('\n').First(l => l.StartsWith("serving shop-waitress at ", StringComparison.Ordinal))["serving shop-waitress at ".Length..].Trim();
        Assert.Contains("Flask 2.", perfnb.Stdout);
        Assert.Contains("waitress 2.", perfnb.Stdout);

        using (var http = new HttpClient())
        {
            using var item = JsonDocument.Parse(await http.GetStringAsync(new Uri(new Uri(url), "/items/2")));
            Assert.Equal("notebook", item.RootElement.GetProperty("name").GetString());
        }

        perfnb.KillGroup(ProcessGroups.Signal.Interrupt);
        Assert.Equal(0, await perfnb.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("stopped shop-waitress.", perfnb.Stdout);
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
    }

    [Fact(Timeout = 300_000)]
    public async Task Compare_crosses_my_app_with_servers_and_measures_every_request_of_the_request_file()
    {
        var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous,
            "compare", "--app", "shop_asgi:app", "--app-dir", SampleApp.Directory, "--servers", "uvicorn,daphne",
            "--ready-path", "/healthz", "--requests", SampleApp.RequestFile,
            "-c", "4", "--reps", "1", "--duration", "1s", "--warmup", "300ms", "--cooldown", "100ms", "--out", _root, "--no-report");
        Assert.True(code == 0, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));

        var run = Directory.GetDirectories(_root).Single();
        var rows = File.ReadAllLines(Path.Combine(run, "results.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var header = File.ReadLines(Path.Combine(run, "results.csv")).First().Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        // Quick mode (CI) keeps the first two endpoints of a plan; otherwise all four requests are measured.
        var expected = Environment.GetEnvironmentVariable("PERFNB_QUICK") == "1"
            ? new[] { "/items?limit=3", "/items/2" }
            : new[] { "/items?limit=3", "/items/2", "POST /items", "PUT item 1" };
        // Not hypercorn: Debian's 0.13.2 (with h11 0.14) closes every connection after one response without
        // saying so, so every request re-sent on such a connection is an error, as wrk counts it.
        foreach (var stack in new[] { "shop_asgi-uvicorn", "shop_asgi-daphne" })
        {
            var ofStack = rows.Where(r => r[Column("stack")] == stack).ToList();
            Assert.Equal(expected, ofStack.Select(r => r[Column("endpoint")]));
            Assert.All(ofStack, r => Assert.Equal("0", r[Column("errors")]));
            Assert.All(ofStack, r => Assert.True(long.Parse(r[Column("requests")]) > 0, $"{stack} {r[Column("endpoint")]}: no requests"));
        }
        using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "run.json")));
        var firstStack = info.RootElement.GetProperty("plan").GetProperty("matrices")[0].GetProperty("stacks")[0];
        Assert.Equal("shop_asgi:app", firstStack.GetProperty("userApp").GetProperty("target").GetString());
        Assert.Equal("asgi", firstStack.GetProperty("userApp").GetProperty("interface").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_json_body_file_with_spaces_reaches_the_app_intact()
    {
        // "@FILE" is perfnb's own syntax; System.CommandLine's response files once split such a body into words.
        var body = Path.Combine(_root, "item.json");
        File.WriteAllText(body, "{\"name\": \"blue pen\", \"price\": 2.5}\n");
        var stack = (await UserApps.StacksAsync(new UserApp { Target = "shop:app", AppDirectory = SampleApp.Directory }, ["waitress"]))[0];
        await using var server = await ServerLauncher.StartAsync(stack);

        var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous,
            "load", new Uri(server.BaseUrl, "/items").ToString(), "--method", "POST", "-H", "Content-Type: application/json",
            "--body", "@" + body, "-n", "20", "-c", "2", "--json");

        Assert.True(code == 0, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        using var result = JsonDocument.Parse(stdout);
        // The shop answers 400 to a body that is not its JSON item: every request succeeding proves the body arrived whole.
        Assert.Equal(20, result.RootElement.GetProperty("requests").GetInt64());
        Assert.Equal(JsonValueKind.Object, result.RootElement.GetProperty("errors").GetProperty("status").ValueKind);
        Assert.Empty(result.RootElement.GetProperty("errors").GetProperty("status").EnumerateObject());
    }

    [Theory(Timeout = 120_000)]
    [InlineData("serve", "no_such_module:app", "", "does not import from")]
    [InlineData("serve", "shop:app", "uvicorn", "uvicorn serves ASGI apps, and shop:app is a WSGI app; servers that fit it: gunicorn,")]
    [InlineData("compare", "shop:_lock", "", "is neither a WSGI app")]
    [InlineData("compare", "shop_asgi:app", "waitress", "waitress serves WSGI apps, and shop_asgi:app is an ASGI app; servers that fit it: uvicorn, hypercorn, daphne.")]
    public async Task Bad_app_input_is_one_line_exit_2_and_leaves_nothing_running(string command, string app, string servers, string expected)
    {
        string[] args = ["--app", app, "--app-dir", SampleApp.Directory, .. servers.Length > 0 ? new[] { "--servers", servers } : [], .. command == "compare" ? new[] { "--out", _root } : []];
        var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous, [command, .. args]);
        Assert.True(code == 2, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("perfnb: ", line);
        Assert.Contains(expected, line);
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
        Assert.Empty(Directory.GetDirectories(_root));
    }
}
