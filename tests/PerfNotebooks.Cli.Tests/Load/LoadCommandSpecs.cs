using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
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
        foreach (var e in new[] { "connect", "read", "write", "timeout", "protocol" })
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
        Assert.Matches(@"Requests/sec:\s+\d+\.\d\d", stdout);
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

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(20, json.RootElement.GetProperty("errors").GetProperty("status").GetProperty("500").GetInt64());
    }

    [Theory(Timeout = 60_000)]
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

    private static async Task<(int Exit, string Stdout, string Stderr)> PerfnbAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "perfnb.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var result = (process.ExitCode, await stdout, await stderr);
        Assert.False(Directory.Exists($"/proc/{process.Id}") && !File.ReadAllText($"/proc/{process.Id}/stat").Contains(") Z "), $"perfnb (PID {process.Id}) is still running");
        return result;
    }
}
