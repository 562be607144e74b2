using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HdrHistogram;
using PerfNotebooks.Load;
using PerfNotebooks.Metrics;

namespace PerfNotebooks.Cli.Tests.Load;

/// <summary>
/// Issue 10's load faults through the real <c>perfnb load</c>: a server whose accept queue is full, SIGTERM
/// while connections open, a file-descriptor limit too low for <c>-c</c>.
/// </summary>
[Collection("perfnb load cli")]
public sealed class LoadFaultSpecs
{
    /// <summary>A short keep-alive answer.</summary>
    private const string ShortAnswer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    [Fact(Timeout = 60_000)]
    public async Task Against_a_full_accept_queue_a_1_s_run_with_a_1_s_timeout_ends_in_seconds_not_minutes()
    {
        // The issue's reproduction: this ran for 134 s (SYN retries) and ignored SIGTERM.
        using var listener = Unaccepting(out var url);
        var clock = Stopwatch.StartNew();

        var (exit, stdout, stderr) = await Perfnb.RunAsync(["load", url, "-c", "8", "-d", "1s", "--timeout", "1s"], TimeSpan.FromSeconds(45));

        // duration + timeout + 1 s, plus the start of a .NET process on a busy machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(1, exit);
        Assert.Contains("perfnb: no request succeeded", stderr);
        Assert.Matches(@"Socket errors: connect [1-9]", stdout);
    }

    [Fact(Timeout = 60_000)]
    public async Task SIGTERM_while_connections_open_ends_the_run_at_once_and_prints_what_was_measured()
    {
        using var listener = Unaccepting(out var url);
        await using var perfnb = Perfnb.Start(["load", url, "-c", "8", "-d", "30s", "--timeout", "30s"]);
        await perfnb.WaitForLineAsync("Running 30s test", TimeSpan.FromSeconds(30));
        await Task.Delay(1000); // connects are pending now: the accept queue holds one at most

        var clock = Stopwatch.StartNew();
        perfnb.Signal(15);
        var exit = await perfnb.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalSeconds:0.0} s after SIGTERM");
        Assert.Equal(1, exit);
        Assert.Contains("Requests/sec:", perfnb.Stdout);
        Assert.DoesNotContain("Unhandled", perfnb.Stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task More_connections_than_the_open_file_limit_allows_is_one_line_and_exit_2_before_any_connection()
    {
        await using var server = new FixedResponseServer(ShortAnswer);

        var (exit, stdout, stderr) = await UnderUlimit("-n 256", ["load", server.Url, "-c", "400", "-d", "1s"]);

        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("perfnb: 400 connections need about ", line);
        Assert.Contains("may open only 256", line);
        Assert.DoesNotContain("Unhandled", stderr);
        Assert.Equal("", stdout.Trim());
        Assert.Equal(0, server.Accepted);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_low_soft_open_file_limit_is_raised_to_the_hard_limit()
    {
        await using var server = new FixedResponseServer(ShortAnswer);

        var (exit, stdout, stderr) = await UnderUlimit("-S -n 256", ["load", server.Url, "-c", "400", "-n", "2000"]);

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Contains("2000 requests in", stdout);
        Assert.Equal(400, server.Accepted);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_resets_every_second_request_shows_its_errors_in_the_JSON()
    {
        // Issue 8's reproduction: this printed 9,686 requests and 0 errors; wrk counts ~50% read errors.
        await using var server = new FixedResponseServer(ShortAnswer, resetOnRequest: 2);

        var (exit, stdout, stderr) = await Perfnb.RunAsync(["load", server.Url, "-c", "4", "-d", "3s", "--json"], TimeSpan.FromSeconds(45));

        Assert.True(exit == 0, stderr);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        var root = json.RootElement;
        var errors = root.GetProperty("errors");
        var failed = errors.GetProperty("total").GetInt64();
        var attempts = root.GetProperty("successes").GetInt64() + failed;
        Assert.True(attempts > 100, stdout);
        Assert.True(failed >= 0.45 * attempts, $"{failed} errors of {attempts} attempts");
        Assert.Equal(failed, errors.GetProperty("reset").GetInt64() + errors.GetProperty("read").GetInt64());
    }

    [Fact]
    public void A_saturated_generator_fails_fail_on_saturation_with_one_line()
    {
        var thresholds = LoadThresholds.Parse(null, null, failOnSaturation: true);
        var histogram = new LongHistogram(3_600_000_000L, 3);
        histogram.RecordValue(1000);
        var result = new LoadResult
        {
            Spec = new LoadSpec { Url = new Uri("http://127.0.0.1:9/") },
            Summary = new LoadSummary(10, 1, 10, LatencyPercentiles.From(histogram), 0),
            Corrected = histogram,
            Uncorrected = histogram,
            Timeline = [],
            Errors = ErrorCounts.None,
            Client = new ClientAudit(1.9, 0, 0, true, "the generator used 95% of the 2 CPU(s) it could run on"),
        };

        var failure = Assert.Single(thresholds.Failures(result));

        Assert.Equal("threshold missed: --fail-on-saturation: the generator saturated (the generator used 95% of the 2 CPU(s) it could run on).", failure);
        Assert.Empty(LoadThresholds.Parse(null, null, failOnSaturation: false).Failures(result));
    }

    /// <summary>Runs perfnb through /bin/sh after <c>ulimit <paramref name="ulimit"/></c>.</summary>
    private static async Task<(int Exit, string Stdout, string Stderr)> UnderUlimit(string ulimit, string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"ulimit {ulimit} && exec \"$0\" \"$@\"");
        info.ArgumentList.Add(dotnet);
        info.ArgumentList.Add(Perfnb.Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
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
        return (process.ExitCode, await stdout, await stderr);
    }

    private static Socket Unaccepting(out string url)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}/";
        return listener;
    }
}
