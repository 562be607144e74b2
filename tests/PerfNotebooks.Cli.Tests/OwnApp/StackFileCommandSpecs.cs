using System.Text.Json;

namespace PerfNotebooks.Cli.Tests.OwnApp;

/// <summary>Stack files from the command line: listed as the user's, served and compared by name, and refused in one line when not valid.</summary>
public sealed class StackFileCommandSpecs : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(240);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perfnb-stackfile-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly string _marker = Guid.NewGuid().ToString("N");

    public StackFileCommandSpecs()
    {
        Directory.CreateDirectory(_root);
        // The sample's stack file, copied so that its working directory (relative to the file) points at the sample.
        var text = File.ReadAllText(Path.Combine(SampleApp.Directory, "perfnb.stacks.json"))
            .Replace("\"readyPath\"", $"\"workingDirectory\": {JsonSerializer.Serialize(SampleApp.Directory)}, \"readyPath\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_root, "perfnb.stacks.json"), text);
    }

    public void Dispose()
    {
        MarkedProcesses.KillAll(_marker);
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact(Timeout = 60_000)]
    public async Task Servers_lists_the_stack_file_in_the_working_directory_as_yours()
    {
        var (code, stdout, stderr) = await Perfnb.RunInAsync(_root, _marker, Generous, "servers");
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("SOURCE", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("shop-gunicorn-preload ", StringComparison.Ordinal) && l.Contains(" yours ") && l.Contains("yes: user-defined"));
        Assert.Contains(lines, l => l.StartsWith("flask-gunicorn ", StringComparison.Ordinal) && l.Contains(" catalog "));
        Assert.Equal($"yours: from {Path.Combine(_root, "perfnb.stacks.json")}", lines[^1]);

        var (jsonCode, json, _) = await Perfnb.RunInAsync(_root, _marker, Generous, "servers", "--json");
        Assert.Equal(0, jsonCode);
        using var doc = JsonDocument.Parse(json);
        var mine = doc.RootElement.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "shop-flask-dev");
        Assert.Equal(Path.Combine(_root, "perfnb.stacks.json"), mine.GetProperty("source").GetString());
    }

    [Fact(Timeout = 300_000)]
    public async Task Compare_measures_a_stack_file_stack_beside_a_catalog_stack()
    {
        var elsewhere = Path.Combine(_root, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        var (code, stdout, stderr) = await Perfnb.RunInAsync(elsewhere, _marker, Generous,
            "compare", "--stack-file", Path.Combine(_root, "perfnb.stacks.json"), "--stacks", "shop-gunicorn-preload",
            "--endpoints", "/items/1", "-c", "4", "--reps", "1", "--duration", "1s", "--warmup", "300ms", "--out", Path.Combine(_root, "runs"), "--no-report");
        Assert.True(code == 0, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
        var run = Directory.GetDirectories(Path.Combine(_root, "runs")).Single();
        var rows = File.ReadAllLines(Path.Combine(run, "results.csv"));
        var row = Assert.Single(rows.Skip(1));
        Assert.StartsWith("shop-gunicorn-preload_items-1_w2_c4_rep1,", row);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_invalid_stack_file_is_one_line_with_file_line_and_column_exit_2_and_nothing_runs()
    {
        var bad = Path.Combine(_root, "bad.json");
        File.WriteAllText(bad, "{\"stacks\": [\n  {\"name\": \"x\", \"command\": [\"{python}\", \"{prot}\"]}\n]}\n");
        foreach (var args in new[] { new[] { "servers", "--stack-file", bad }, ["serve", "x", "--stack-file", bad], ["compare", "--stacks", "x", "--stack-file", bad, "--out", Path.Combine(_root, "runs")] })
        {
            var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous, args);
            Assert.True(code == 2, $"{args[0]}: exit {code}; stdout: {stdout}; stderr: {stderr}");
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"perfnb: {bad}:2:41: unknown placeholder {{prot}} in stack 'x'", line);
        }
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
        Assert.False(Directory.Exists(Path.Combine(_root, "runs")));
    }

    [Fact(Timeout = 120_000)]
    public async Task Serve_starts_a_stack_file_stack_by_name()
    {
        await using var perfnb = Perfnb.StartIn(_root, _marker, null, "serve", "shop-flask-dev");
        await perfnb.WaitForOutputAsync("Press Ctrl-C", 1, TimeSpan.FromSeconds(60));
        var url = perfnb.Stdout.Split('\n').First(l => l.StartsWith("serving shop-flask-dev at ", StringComparison.Ordinal))["serving shop-flask-dev at ".Length..].Trim();
        using (var http = new HttpClient())
            Assert.Contains("\"ink\"", await http.GetStringAsync(new Uri(new Uri(url), "/items/3")));
        perfnb.KillGroup(ProcessGroups.Signal.Interrupt);
        Assert.Equal(0, await perfnb.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
    }
}
