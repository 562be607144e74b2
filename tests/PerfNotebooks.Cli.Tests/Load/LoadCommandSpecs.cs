using System.Text.Json;

namespace PerfNotebooks.Cli.Tests.Load;

/// <summary>The real <c>perfnb load</c> binary (dotnet perfnb.dll) against a small server on 127.0.0.1.</summary>
[Collection("perfnb load cli")]
public sealed class LoadCommandSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task I_can_get_one_JSON_object_with_the_fields_the_issue_names()
    {
        await using var server = new FixedResponseServer();

        var (exit, stdout, stderr) = await PerfnbAsync("load", server.Url, "-n", "500", "-c", "4", "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(500, root.GetProperty("requests").GetInt64());
        Assert.True(root.GetProperty("durationSeconds").GetDouble() > 0);
        Assert.True(root.GetProperty("requestsPerSecond").GetDouble() > 0);
        foreach (var p in new[] { "p50", "p75", "p90", "p99", "p999", "max" })
            Assert.True(root.GetProperty("latencyUs").GetProperty(p).GetInt64() >= 0);
        var errors = root.GetProperty("errors");
        foreach (var e in new[] { "connect", "read", "reset", "write", "timeout", "protocol" })
            Assert.Equal(0, errors.GetProperty(e).GetInt64());
        Assert.Equal(JsonValueKind.Object, errors.GetProperty("status").ValueKind);
        Assert.True(root.GetProperty("clientCpuSeconds").GetDouble() > 0);
        Assert.True(root.GetProperty("clientSaturated").ValueKind is JsonValueKind.True or JsonValueKind.False);
        Assert.True(root.GetProperty("allocatedBytesPerRequest").GetDouble() >= 0);
        Assert.Equal(500, server.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_text_output_reads_like_wrk()
    {
        await using var server = new FixedResponseServer();

        var (exit, stdout, stderr) = await PerfnbAsync("load", server.Url, "-d", "1s", "-c", "2");

        Assert.True(exit == 0, stderr);
        Assert.Contains($"Running 1s test @ {server.Url}", stdout);
        Assert.Contains("Latency Distribution", stdout);
        Assert.Contains("99%", stdout);
        Assert.Matches(@"\d+ requests in \d+\.\d\ds", stdout);
        Assert.Matches(@"Requests/sec:\s+\d{1,3}(,\d{3})*\n", stdout);   // whole, thousands separated
    }

    [Fact(Timeout = 60_000)]
    public async Task I_can_write_the_hgrm_and_hlog_files_beside_the_text()
    {
        await using var server = new FixedResponseServer();
        var dir = Directory.CreateTempSubdirectory("perfnb-cli-load-");
        try
        {
            var hgrm = Path.Combine(dir.FullName, "run.hgrm");
            var hlog = Path.Combine(dir.FullName, "run.hlog");

            var (exit, _, stderr) = await PerfnbAsync("load", server.Url, "-d", "1500ms", "-c", "2", "--rate", "200", "--hgrm", hgrm, "--hlog", hlog);

            Assert.True(exit == 0, stderr);
            Assert.Contains("Percentile TotalCount", await File.ReadAllTextAsync(hgrm));
            var log = await File.ReadAllLinesAsync(hlog);
            Assert.Equal("#[Histogram log format version 1.3]", log[0]);
            Assert.Contains(log, line => line.Contains(",HISTF", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Non_2xx_responses_are_reported_by_status_in_JSON()
    {
        await using var server = new FixedResponseServer("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");

        var (exit, stdout, stderr) = await PerfnbAsync("load", server.Url, "-n", "20", "-c", "1", "--json");

        // Every answer a 500: no request succeeded, so exit 1, with the result still printed.
        Assert.True(exit == 1, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(20, json.RootElement.GetProperty("errors").GetProperty("status").GetProperty("500").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("successes").GetInt64());
        Assert.Equal(1.0, json.RootElement.GetProperty("errorRate").GetDouble());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_run_where_no_request_succeeded_exits_1_with_one_line_saying_so()
    {
        var (exit, stdout, stderr) = await PerfnbAsync("load", "http://127.0.0.1:1/", "-d", "1s", "-c", "2");

        Assert.True(exit == 1, $"exit {exit}: {stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("perfnb: no request succeeded: ", line);
        Assert.Contains("connect ", line);
        Assert.Contains("Requests/sec:", stdout);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missed_error_rate_threshold_exits_1_with_one_line_naming_it()
    {
        await using var server = new FixedResponseServer(alternateWith: "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");

        var (exit, stdout, stderr) = await PerfnbAsync("load", server.Url, "-n", "200", "-c", "2", "--max-error-rate", "0.01", "--json");

        Assert.True(exit == 1, $"exit {exit}: {stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("perfnb: threshold missed: error rate 50% (100 of 200) is above --max-error-rate 1%.", line);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(0.5, json.RootElement.GetProperty("errorRate").GetDouble());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missed_p99_threshold_exits_1_and_thresholds_that_hold_exit_0()
    {
        await using var server = new FixedResponseServer(delay: TimeSpan.FromMilliseconds(20));

        var (missed, _, missedErr) = await PerfnbAsync("load", server.Url, "-n", "50", "-c", "1", "--max-p99", "5ms");
        var (held, _, heldErr) = await PerfnbAsync("load", server.Url, "-n", "50", "-c", "1", "--max-p99", "10s", "--max-error-rate", "1%", "--fail-on-saturation");

        Assert.True(missed == 1, missedErr);
        var line = Assert.Single(missedErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("perfnb: threshold missed: p99 latency ", line);
        Assert.EndsWith(" is above --max-p99 5ms.", line);
        Assert.True(held == 0, heldErr);
        Assert.Equal("", heldErr.Trim());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missed_target_rate_is_a_line_of_the_text_output_and_a_field_of_the_JSON()
    {
        await using var server = new FixedResponseServer(delay: TimeSpan.FromMilliseconds(50));

        var (_, text, _) = await PerfnbAsync("load", server.Url, "-d", "1500ms", "-c", "1", "--rate", "100");
        var (_, jsonText, _) = await PerfnbAsync("load", server.Url, "-d", "1500ms", "-c", "1", "--rate", "100", "--json");

        Assert.Matches(@"WARNING: target 100 req/s, achieved \d+: the server could not keep up\.", text);
        using var json = JsonDocument.Parse(jsonText);
        Assert.Equal(100, json.RootElement.GetProperty("targetRate").GetDouble());
        Assert.True(json.RootElement.GetProperty("achievedRate").GetDouble() < 95);
        Assert.True(json.RootElement.GetProperty("missedTarget").GetBoolean());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("error rate not a number", new[] { "load", "http://127.0.0.1:9/", "--max-error-rate", "lots" }, "share from 0 to 1")]
    [InlineData("error rate above 1", new[] { "load", "http://127.0.0.1:9/", "--max-error-rate", "2" }, "out of range")]
    [InlineData("p99 not a duration", new[] { "load", "http://127.0.0.1:9/", "--max-p99", "fast" }, "500ms, 10s, 2m")]
    [InlineData("no host", new[] { "load", "/plaintext" }, "has no host")]
    [InlineData("zero connections", new[] { "load", "http://127.0.0.1:9/", "-c", "0" }, "1 or more")]
    [InlineData("negative rate", new[] { "load", "http://127.0.0.1:9/", "--rate", "-5" }, "above 0")]
    [InlineData("bad duration", new[] { "load", "http://127.0.0.1:9/", "-d", "10x" }, "500ms, 10s, 2m")]
    [InlineData("header without colon", new[] { "load", "http://127.0.0.1:9/", "-H", "NoColonHere" }, "Name: value")]
    [InlineData("not a number", new[] { "load", "http://127.0.0.1:9/", "-n", "many" }, "whole number")]
    public async Task Bad_input_is_one_line_saying_what_is_accepted_with_exit_code_2(string what, string[] args, string expected)
    {
        var (exit, stdout, stderr) = await PerfnbAsync(args);

        Assert.True(exit == 2, $"{what}: exit {exit}, stderr {stderr}");
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("perfnb: ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain(" at ", lines[0]);
        Assert.Equal("", stdout.Trim());
    }

    private static Task<(int Exit, string Stdout, string Stderr)> PerfnbAsync(params string[] args) => PerfnbLoadRun.RunAsync(null, null, args);
}
