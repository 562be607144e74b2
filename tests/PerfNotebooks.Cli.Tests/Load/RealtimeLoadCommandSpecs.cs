using System.Text.Json;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Cli.Tests.Load;

/// <summary>
/// <c>perfnb load</c> with ws:// URLs and rate profiles, through the real perfnb against real servers on 127.0.0.1:
/// the same --json shape plus messages, the second-by-second offer of a profile, and a ws:// URL the server does not
/// upgrade as one line naming the status it answered.
/// </summary>
public sealed class RealtimeLoadCommandSpecs
{
    [Fact(Timeout = 120_000)]
    public async Task A_websocket_echo_run_prints_the_usual_json_with_its_messages()
    {
        IReadOnlyList<int> pids;
        await using (var server = await ServerLauncher.StartAsync(StackCatalog.Get("aiohttp")))
        {
            pids = server.ProcessIds();
            var url = new UriBuilder(new Uri(server.BaseUrl, "/ws/echo")) { Scheme = "ws" }.Uri.ToString();
            var (exit, stdout, stderr) = await PerfnbLoadRun.RunAsync(null, null, "load", url, "-c", "4", "-n", "500", "--json");

            Assert.True(exit == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            var root = json.RootElement;
            Assert.Equal(500, root.GetProperty("requests").GetInt64());
            Assert.Equal(0, root.GetProperty("errors").GetProperty("total").GetInt64());
            var messages = root.GetProperty("messages");
            Assert.Equal("echo", messages.GetProperty("mode").GetString());
            Assert.Equal(500, messages.GetProperty("sent").GetInt64());
            Assert.Equal(500, messages.GetProperty("received").GetInt64());
            Assert.True(root.GetProperty("latencyUs").GetProperty("p50").GetInt64() > 0);
        }
        AssertGone(pids);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_ws_url_that_does_not_upgrade_is_one_line_with_the_status_it_answered_and_exit_code_2()
    {
        await using var server = new FixedResponseServer();
        var url = server.Url.Replace("http://", "ws://", StringComparison.Ordinal);
        var (exit, stdout, stderr) = await PerfnbLoadRun.RunAsync(null, null, "load", url, "-d", "1s");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Equal($"perfnb: {url} did not upgrade to a WebSocket: the server answered 200 OK instead of 101 Switching Protocols.", line);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_spike_profile_runs_its_length_and_says_what_each_second_offered_and_served()
    {
        await using var server = new FixedResponseServer();
        var (exit, stdout, stderr) = await PerfnbLoadRun.RunAsync(null, null, "load", server.Url, "-c", "8", "--profile", "spike:base=50,peak=200,at=1s,for=1s", "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("durationSeconds").GetDouble(), 0);
        Assert.Equal("spike:base=50,peak=200,at=1s,for=1s", root.GetProperty("spec").GetProperty("profile").GetProperty("text").GetString());
        var seconds = root.GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("second").GetInt32() is >= 0 and < 3).ToList();
        Assert.Equal([50.0, 200.0, 50.0], seconds.Select(t => Math.Round(t.GetProperty("offered").GetDouble())));
        Assert.InRange(seconds[1].GetProperty("requests").GetInt64(), 160, 240);
        Assert.InRange(root.GetProperty("targetRate").GetDouble(), 99, 101);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_summary_of_a_run_that_met_a_spike_shows_each_stacks_recovery_and_the_flask_claim()
    {
        // A copy of the stored spikes run (report writes report.html into the folder it reads).
        var folder = Directory.CreateTempSubdirectory("perfnb-spikes-summary-");
        try
        {
            var source = Path.Combine(RepoRoot.Path, "data", "runs", "spikes-reference");
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder.FullName, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            var (exit, stdout, stderr) = await PerfnbLoadRun.RunAsync(null, null, "report", folder.FullName, "--summary");

            Assert.True(exit == 0, stderr);
            Assert.Contains("Traffic spike\n  spike:base=40,peak=400,at=3s,for=3s,length=12s on /io?ms=10", stdout.ReplaceLineEndings("\n"));
            Assert.All(stdout.Split('\n').Where(l => !l.StartsWith("perfnb: ", StringComparison.Ordinal)), l => Assert.True(l.TrimEnd('\r').Length <= 100, $"{l.Length} columns: {l}"));
            Assert.Contains("flask-gunicorn-defaults", stdout);
            Assert.Contains("Traffic spikes", File.ReadAllText(Path.Combine(folder.FullName, "report.html")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }


    private static void AssertGone(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
            Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal), $"PID {pid} is still running");
    }
}
