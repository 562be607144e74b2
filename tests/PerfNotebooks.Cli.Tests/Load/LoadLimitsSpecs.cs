namespace PerfNotebooks.Cli.Tests.Load;

/// <summary><c>perfnb load</c> against the process's own limits.</summary>
[Collection("perfnb load cli")]
public sealed class LoadLimitsSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task More_connections_than_open_files_allowed_is_one_line_before_any_connection_opens()
    {
        await using var server = new FixedResponseServer();

        // ulimit -n sets the soft and the hard limit: the engine cannot raise it past 256.
        var (exit, stdout, stderr) = await PerfnbLoadRun.RunAsync(null, ["/bin/sh", "-c", "ulimit -n 256 && exec \"$@\"", "sh"],
            "load", server.Url, "-c", "400", "-d", "1s");

        Assert.True(exit == 2, $"exit {exit}, stderr {stderr}");
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("400 connections need about", lines[0]);
        Assert.Contains("may open only 256", lines[0]);
        Assert.DoesNotContain(" at ", lines[0]);
        Assert.Equal("", stdout.Trim());
        Assert.Equal(0, server.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task Connections_that_fit_under_a_low_limit_run_normally()
    {
        await using var server = new FixedResponseServer();

        var (exit, _, stderr) = await PerfnbLoadRun.RunAsync(null, ["/bin/sh", "-c", "ulimit -n 256 && exec \"$@\"", "sh"],
            "load", server.Url, "-c", "100", "-n", "500", "--json");

        Assert.True(exit == 0, stderr);
        Assert.Equal(500, server.Requests);
    }
}
