using System.Net;
using System.Net.Sockets;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>Every bad input gives one clear line, and leaves no process behind.</summary>
public sealed class BadInputSpecs
{
    [Fact]
    public void An_unknown_stack_lists_the_known_ones_and_suggests_the_nearest()
    {
        var error = Assert.Throws<PerfNotebooksException>(() => StackCatalog.Get("flask-gunicron"));
        Assert.Contains("unknown stack 'flask-gunicron'", error.Message);
        Assert.Contains("Did you mean 'flask-gunicorn'?", error.Message);
        foreach (var name in StackCatalog.Names) Assert.Contains(name, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_name_far_from_every_stack_gets_no_suggestion()
    {
        var error = Assert.Throws<PerfNotebooksException>(() => StackCatalog.Get("xyzzy-quux-frobnicate"));
        Assert.DoesNotContain("Did you mean", error.Message);
        Assert.Contains("Known stacks:", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_port_in_use_is_named_in_the_error_and_nothing_starts()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var spec = TestStacks.Marked(StackCatalog.Get("flask-gunicorn") with { Port = port }, out var mark);
        var error = await Assert.ThrowsAnyAsync<PerfNotebooksException>(() => ServerLauncher.StartAsync(spec));
        Assert.Contains($"port {port} on 127.0.0.1 is in use", error.Message);
        await MarkedProcesses.AssertGoneAsync(mark);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("flask-gunicorn", 0, null, "workers must be between 1 and")]
    [InlineData("flask-gunicorn", -3, null, "workers must be between 1 and")]
    [InlineData("flask-gunicorn", 1000, null, "workers must be between 1 and")]
    [InlineData("aiohttp", 2, null, "aiohttp runs one process, so workers must be 1")]
    [InlineData("flask-gunicorn-gthread", 2, 0, "threads must be between 1 and 256")]
    [InlineData("flask-waitress", 1, 100_000, "threads must be between 1 and 256")]
    [InlineData("flask-gunicorn", 2, 4, "has no thread setting")]
    public async Task Absurd_workers_or_threads_are_refused_before_anything_starts(string stack, int workers, int? threads, string expected)
    {
        var spec = TestStacks.Marked(StackCatalog.Get(stack) with { Workers = workers, Threads = threads }, out var mark);
        var error = await Assert.ThrowsAnyAsync<PerfNotebooksException>(() => ServerLauncher.StartAsync(spec));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        await MarkedProcesses.AssertGoneAsync(mark);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("2-9")]
    [InlineData("one")]
    [InlineData("0,,1")]
    public async Task A_cpu_list_that_is_not_one_is_refused(string cpus)
    {
        var error = await Assert.ThrowsAnyAsync<PerfNotebooksException>(() => ServerLauncher.StartAsync(StackCatalog.Get("aiohttp") with { Cpus = cpus }));
        Assert.Contains("cpus must be a CPU list", error.Message);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_app_module_that_does_not_import_says_so_with_the_servers_words()
    {
        // Gunicorn halts when a worker fails to boot, but waits for the other worker to stop: on a loaded machine
        // that can take longer than the default 30 s readiness wait, which would hide the exit this test is about.
        var broken = TestStacks.Custom("broken-app", "{python}", "-m", "gunicorn", "-w", "{workers}", "-b", "{host}:{port}", "no_such_module_here:app");
        var spec = TestStacks.Marked(broken with { Workers = 2, ReadyTimeout = TimeSpan.FromSeconds(90) }, out var mark);
        var error = await Assert.ThrowsAnyAsync<PerfNotebooksException>(() => ServerLauncher.StartAsync(spec));
        Assert.Contains("exited with code", error.Message);
        Assert.Contains("The app does not import", error.Message);
        Assert.Contains("no_such_module_here", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        await MarkedProcesses.AssertGoneAsync(mark);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_binary_that_is_not_installed_is_named()
    {
        var spec = TestStacks.Custom("ghost", "/usr/bin/no-such-server", "--port", "{port}");
        var error = await Assert.ThrowsAnyAsync<PerfNotebooksException>(() => ServerLauncher.StartAsync(spec));
        Assert.Contains("not installed: /usr/bin/no-such-server not found", error.Message);
        var installation = await StackInstallationCheck.CheckAsync(spec);
        Assert.False(installation.Installed);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_python_that_does_not_exist_is_named()
    {
        var spec = StackCatalog.Get("flask-gunicorn") with { Python = "/opt/no/python3" };
        var error = await Assert.ThrowsAnyAsync<PerfNotebooksException>(() => ServerLauncher.StartAsync(spec));
        Assert.Contains("not installed: Python interpreter /opt/no/python3 not found", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_python_without_the_servers_modules_says_which_module_is_missing()
    {
        // python3 -I (isolated) ignores PYTHONPATH and user site; -S also drops the system site-packages
        // where the Debian packages live. A wrapper script stands in for "a Python without gunicorn".
        var dir = Directory.CreateTempSubdirectory("perfnb-python-").FullName;
        var wrapper = Path.Combine(dir, "python3");
        await File.WriteAllTextAsync(wrapper, "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var error = await Assert.ThrowsAnyAsync<PerfNotebooksException>(
                () => ServerLauncher.StartAsync(StackCatalog.Get("flask-gunicorn") with { Python = wrapper }));
            Assert.Contains("does not import", error.Message);
            Assert.Contains("No module named", error.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_server_that_cannot_serve_the_app_is_refused()
    {
        var spec = StackCatalog.Get("starlette-uvicorn") with { Server = "gunicorn", WorkerClass = "sync" };
        var error = Assert.Throws<PerfNotebooksException>(() => LaunchPlanner.Resolve(spec));
        Assert.Contains("gunicorn cannot serve the starlette app", error.Message);
    }
}
