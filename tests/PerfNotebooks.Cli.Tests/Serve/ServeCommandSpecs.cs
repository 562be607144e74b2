using System.Net;
using System.Net.Sockets;

namespace PerfNotebooks.Cli.Tests.Serve;

/// <summary><c>perfnb serve</c>: start, print, serve until interrupted, stop cleanly; bad input in one line.</summary>
public sealed class ServeCommandSpecs
{
    private const int SIGINT = 2;
    private const int SIGTERM = 15;

    [Theory(Timeout = 90_000)]
    [InlineData(SIGINT)]
    [InlineData(SIGTERM)]
    public async Task Serve_prints_the_url_serves_until_interrupted_then_stops_the_whole_tree_and_exits_0(int signal)
    {
        await using var perfnb = Perfnb.Start(["serve", "flask-gunicorn"]);
        var urlLine = await perfnb.WaitForLineAsync("serving flask-gunicorn at ", TimeSpan.FromSeconds(60));
        var url = new Uri(urlLine["serving flask-gunicorn at ".Length..].Trim());
        var pidsLine = await perfnb.WaitForLineAsync("  PIDs ", TimeSpan.FromSeconds(5));
        await perfnb.WaitForLineAsync("  versions Python 3.", TimeSpan.FromSeconds(5));
        await perfnb.WaitForLineAsync("Press Ctrl-C", TimeSpan.FromSeconds(5));
        var leader = int.Parse(pidsLine[(pidsLine.IndexOf("(leader ", StringComparison.Ordinal) + 8)..].TrimEnd(')'));
        Assert.Equal(3, ProcessTable.InSession(leader).Count);

        using (var http = new HttpClient())
            Assert.Equal("Hello, World!", await http.GetStringAsync(new Uri(url, "/plaintext")));

        perfnb.Signal(signal);
        var code = await perfnb.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"exit {code}; stdout: {perfnb.Stdout}; stderr: {perfnb.Stderr}");
        Assert.Contains("stopped flask-gunicorn.", perfnb.Stdout);
        Assert.Empty(ProcessTable.InSession(leader));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_server_does_not_outlive_a_perfnb_killed_with_sigkill()
    {
        await using var perfnb = Perfnb.Start(["serve", "starlette-uvicorn"]);
        var pidsLine = await perfnb.WaitForLineAsync("  PIDs ", TimeSpan.FromSeconds(60));
        var leader = int.Parse(pidsLine[(pidsLine.IndexOf("(leader ", StringComparison.Ordinal) + 8)..].TrimEnd(')'));
        Assert.NotEmpty(ProcessTable.InSession(leader));

        perfnb.Signal(9); // SIGKILL: no handler of perfnb runs; its watchdog sees the owner's pipe close.
        await perfnb.WaitAsync(TimeSpan.FromSeconds(10));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (ProcessTable.InSession(leader).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        Assert.Empty(ProcessTable.InSession(leader));
    }

    [Fact(Timeout = 90_000)]
    public async Task Serve_takes_workers_threads_and_a_cpu_list()
    {
        await using var perfnb = Perfnb.Start(["serve", "flask-gunicorn-gthread", "--workers", "1", "--threads", "3", "--cpus", "0"]);
        await perfnb.WaitForLineAsync("serving flask-gunicorn-gthread at ", TimeSpan.FromSeconds(60));
        var pidsLine = await perfnb.WaitForLineAsync("  PIDs ", TimeSpan.FromSeconds(5));
        var options = await perfnb.WaitForLineAsync("  workers ", TimeSpan.FromSeconds(5));
        Assert.Contains("workers  1, threads 3, CPUs 0", options);
        var leader = int.Parse(pidsLine[(pidsLine.IndexOf("(leader ", StringComparison.Ordinal) + 8)..].TrimEnd(')'));
        var tree = ProcessTable.InSession(leader);
        Assert.Equal(2, tree.Count); // master + 1 worker
        foreach (var pid in tree)
            Assert.Contains("Cpus_allowed_list:\t0", await File.ReadAllLinesAsync($"/proc/{pid}/status"));
        perfnb.Signal(SIGTERM);
        Assert.Equal(0, await perfnb.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(ProcessTable.InSession(leader));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(new[] { "serve", "flsk-gunicorn" }, "perfnb: unknown stack 'flsk-gunicorn'. Did you mean 'flask-gunicorn'? Known stacks: django-runserver")]
    [InlineData(new[] { "serve", "flask-gunicorn", "--workers", "0" }, "perfnb: stack flask-gunicorn: workers must be between 1 and")]
    [InlineData(new[] { "serve", "flask-gunicorn", "--workers", "-2" }, "perfnb: stack flask-gunicorn: workers must be between 1 and")]
    [InlineData(new[] { "serve", "flask-gunicorn", "--workers", "5000" }, "perfnb: stack flask-gunicorn: workers must be between 1 and")]
    [InlineData(new[] { "serve", "flask-gunicorn-gthread", "--threads", "0" }, "perfnb: stack flask-gunicorn-gthread: threads must be between 1 and 256")]
    [InlineData(new[] { "serve", "flask-gunicorn", "--threads", "4" }, "perfnb: stack flask-gunicorn: gunicorn sync has no thread setting")]
    [InlineData(new[] { "serve", "aiohttp", "--workers", "2" }, "perfnb: stack aiohttp: aiohttp runs one process, so workers must be 1")]
    [InlineData(new[] { "serve", "flask-gunicorn", "--python", "/opt/none/python3" }, "perfnb: stack flask-gunicorn is not installed: Python interpreter /opt/none/python3 not found")]
    [InlineData(new[] { "serve", "tornado", "--cpus", "0-99" }, "perfnb: stack tornado: cpus must be a CPU list")]
    public async Task Bad_input_to_serve_gives_one_line_exit_2_and_leaves_no_process(string[] args, string expected)
    {
        var mark = Guid.NewGuid().ToString("N");
        var (code, stdout, stderr) = await Perfnb.RunAsync(args, TimeSpan.FromSeconds(50),
            new Dictionary<string, string> { ["PERFNB_TEST_MARK"] = mark });
        Assert.Equal(2, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line, got: {stderr}");
        Assert.StartsWith(expected, lines[0]);
        Assert.Equal("", stdout);
        Assert.Empty(MarkedProcesses.Find(mark));
    }

    [Fact(Timeout = 60_000)]
    public async Task Serve_on_a_port_in_use_names_the_port()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var mark = Guid.NewGuid().ToString("N");
        var (code, _, stderr) = await Perfnb.RunAsync(["serve", "wsgi-gunicorn", "--port", port.ToString()], TimeSpan.FromSeconds(50),
            new Dictionary<string, string> { ["PERFNB_TEST_MARK"] = mark });
        Assert.Equal(2, code);
        Assert.Equal($"perfnb: stack wsgi-gunicorn: port {port} on 127.0.0.1 is in use; choose another port, or 0 to pick a free one.", stderr.Trim());
        Assert.Empty(MarkedProcesses.Find(mark));
    }
}
