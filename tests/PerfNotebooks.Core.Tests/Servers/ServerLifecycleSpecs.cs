using System.Diagnostics;
using System.Net.Sockets;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>Start, readiness, stop and ownership of real servers.</summary>
public sealed class ServerLifecycleSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task A_started_server_leads_its_own_session_and_every_process_carries_the_server_mark()
    {
        await using var server = await ServerLauncher.StartAsync(StackCatalog.Get("flask-gunicorn"));
        var pids = server.ProcessIds();
        Assert.Equal(3, pids.Count); // master + 2 workers
        foreach (var pid in pids)
        {
            var stat = ProcStat.Read(pid)!.Value;
            Assert.Equal(server.Pid, stat.Session);
            Assert.Equal(server.Pid, stat.ProcessGroup);
            var environ = (await File.ReadAllTextAsync($"/proc/{pid}/environ")).Split('\0');
            Assert.Contains("PERFNB_SERVER=1", environ);
        }
        Assert.Contains(server.Pid, pids);
        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.Contains(server.BaseUrl.ToString(), server.ToString());
        Assert.Contains(server.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), server.ToString());
        Assert.Contains("Listening at", server.OutputTail());
        Assert.False(server.HasExited);
    }

    [Fact(Timeout = 60_000)]
    public async Task I_can_stop_a_server_gracefully_while_it_is_under_load()
    {
        // Sync gunicorn stops on SIGTERM, its graceful stop: workers finish the request in hand.
        var server = await ServerLauncher.StartAsync(StackCatalog.Get("flask-gunicorn"));
        var pids = server.ProcessIds();
        using var loadStop = new CancellationTokenSource();
        var completed = 0;
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!loadStop.IsCancellationRequested)
            {
                try
                {
                    await RawHttp.GetAsync(server.BaseUrl, "/io?ms=20", loadStop.Token);
                    Interlocked.Increment(ref completed);
                }
                catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or InvalidOperationException)
                {
                    // The server is going away under the load: connection refused or reset is expected.
                }
            }
        })).ToArray();
        while (Volatile.Read(ref completed) < 20) await Task.Delay(20);

        var clock = Stopwatch.StartNew();
        await server.StopAsync();
        clock.Stop();
        await loadStop.CancelAsync();
        await Task.WhenAll(load);

        Assert.True(server.HasExited);
        Assert.True(server.StopRequested);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stop took {clock.Elapsed}");
        ServerAssert.NothingLeft(server.Pid, pids);
        await server.DisposeAsync(); // a second stop is a no-op
    }

    [Fact(Timeout = 60_000)]
    public async Task A_threaded_gunicorn_stops_while_it_is_under_load()
    {
        var server = await ServerLauncher.StartAsync(StackCatalog.Get("flask-gunicorn-gthread"));
        var pids = server.ProcessIds();
        using var loadStop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!loadStop.IsCancellationRequested)
            {
                try { await RawHttp.GetAsync(server.BaseUrl, "/io?ms=20", loadStop.Token); }
                catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or InvalidOperationException) { }
            }
        });
        await Task.Delay(300);
        await server.StopAsync();
        await loadStop.CancelAsync();
        await load;
        ServerAssert.NothingLeft(server.Pid, pids);
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancelling_the_owner_token_stops_the_server()
    {
        using var owner = new CancellationTokenSource();
        var server = await ServerLauncher.StartAsync(StackCatalog.Get("starlette-uvicorn"), owner.Token);
        var pids = server.ProcessIds();
        Assert.True(pids.Count >= 3, $"uvicorn with 2 workers: supervisor + 2 workers, got {pids.Count}");
        await owner.CancelAsync();
        var deadline = Stopwatch.StartNew();
        while (server.ProcessIds().Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        ServerAssert.NothingLeft(server.Pid, pids);
        Assert.True(server.StopRequested);
        await server.DisposeAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancelling_while_a_server_starts_leaves_no_process()
    {
        var spec = TestStacks.Marked(StackCatalog.Get("django-uvicorn"), out var mark);
        using var owner = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ServerLauncher.StartAsync(spec, owner.Token));
        await MarkedProcesses.AssertGoneAsync(mark);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_exits_before_it_is_ready_reports_its_exit_code_and_last_output()
    {
        var spec = TestStacks.Marked(TestStacks.Custom("crasher", "{python}", "-c", "import sys; print('boom at start'); sys.exit(3)"), out var mark);
        var error = await Assert.ThrowsAnyAsync<PerfNotebooksException>(() => ServerLauncher.StartAsync(spec));
        Assert.Contains("exited with code 3", error.Message);
        Assert.Contains("boom at start", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        await MarkedProcesses.AssertGoneAsync(mark);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_never_answers_times_out_with_its_last_output_and_is_stopped()
    {
        var sleeper = TestStacks.Custom("sleeper", "{python}", "-c", "import time; print('listening soon', flush=True); time.sleep(120)");
        var spec = TestStacks.Marked(sleeper with { ReadyTimeout = TimeSpan.FromSeconds(1) }, out var mark);
        var error = await Assert.ThrowsAnyAsync<PerfNotebooksException>(() => ServerLauncher.StartAsync(spec));
        Assert.Contains("not ready after 1 s", error.Message);
        Assert.Contains("listening soon", error.Message);
        await MarkedProcesses.AssertGoneAsync(mark);
    }

    [Fact(Timeout = 60_000)]
    public async Task Ready_waits_for_the_workers_a_server_forks_after_it_first_answers()
    {
        // Answers at once, forks its worker 200 ms later: as gunicorn does when its first worker boots
        // before the master has forked the second. Ready must include that worker.
        const string script = """
            import http.server, os, sys, threading, time
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"ok")
                def log_message(self, *a): pass
            server = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            time.sleep(0.2)
            if os.fork() == 0:
                time.sleep(120); os._exit(0)
            time.sleep(120)
            """;
        var spec = TestStacks.Marked(TestStacks.Custom("late-forker", "{python}", "-c", script, "{port}"), out var mark);
        var server = await ServerLauncher.StartAsync(spec);
        try
        {
            Assert.Equal(2, server.ProcessIds().Count);
        }
        finally
        {
            await server.DisposeAsync();
        }
        await MarkedProcesses.AssertGoneAsync(mark);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_user_defined_stack_gets_the_same_lifecycle_readiness_and_sampling()
    {
        var dir = Directory.CreateTempSubdirectory("perfnb-userapp-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "myapp.py"), """
                def app(environ, start_response):
                    body = b"mine"
                    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
                    return [body]
                """);
            var gunicorn = TestStacks.Custom("my-gunicorn", "{python}", "-m", "gunicorn", "-w", "{workers}", "-b", "{host}:{port}", "myapp:app");
            var spec = gunicorn with { WorkingDirectory = dir, Workers = 2 };
            var server = await ServerLauncher.StartAsync(spec);
            var pids = server.ProcessIds();
            try
            {
                Assert.Equal("mine", (await RawHttp.GetAsync(server.BaseUrl, "/plaintext")).Text);
                Assert.Equal(3, pids.Count);
                await using var sampler = server.StartSampler(TimeSpan.FromMilliseconds(50));
                await Task.Delay(200);
                Assert.Equal(3, sampler.SampleNow().ProcessCount);
                Assert.StartsWith("3.", server.Versions.Python);
            }
            finally
            {
                await server.DisposeAsync();
            }
            ServerAssert.NothingLeft(server.Pid, pids);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Port_zero_picks_a_free_port_and_two_servers_get_different_ones()
    {
        var spec = StackCatalog.Get("aiohttp");
        var servers = await Task.WhenAll(ServerLauncher.StartAsync(spec), ServerLauncher.StartAsync(spec));
        try
        {
            Assert.NotEqual(servers[0].BaseUrl.Port, servers[1].BaseUrl.Port);
            Assert.All(servers, s => Assert.Equal(s.BaseUrl.Port, s.Spec.Port));
            foreach (var s in servers) Assert.Equal(200, (await RawHttp.GetAsync(s.BaseUrl, "/plaintext")).Status);
        }
        finally
        {
            foreach (var s in servers) await s.DisposeAsync();
        }
        foreach (var s in servers) ServerAssert.NothingLeft(s.Pid);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_cpu_list_pins_every_process_of_the_server()
    {
        await using var server = await ServerLauncher.StartAsync(StackCatalog.Get("tornado") with { Cpus = "1" });
        var pids = server.ProcessIds();
        Assert.Equal(3, pids.Count); // tornado pre-fork: parent + 2 children
        foreach (var pid in pids)
        {
            var status = await File.ReadAllLinesAsync($"/proc/{pid}/status");
            Assert.Contains("Cpus_allowed_list:\t1", status);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Versions_name_python_the_framework_and_the_server()
    {
        await using var server = await ServerLauncher.StartAsync(StackCatalog.Get("fastapi-uvicorn") with { Workers = 1 });
        Assert.Matches(@"^3\.\d+\.\d+$", server.Versions.Python);
        Assert.StartsWith("fastapi ", server.Versions.Framework);
        Assert.StartsWith("uvicorn ", server.Versions.Server);
        Assert.Single(server.ProcessIds());
    }

    [Fact(Timeout = 60_000)]
    public async Task Extra_arguments_and_environment_reach_the_server()
    {
        var spec = StackCatalog.Get("flask-uwsgi") with
        {
            Environment = new Dictionary<string, string> { ["PERFNB_SERVER_NAME"] = "perfnb-test" },
            ExtraArgs = ["--procname-prefix", "perfnbtest-"],
            Workers = 1,
        };
        await using var server = await ServerLauncher.StartAsync(spec);
        var response = await RawHttp.GetAsync(server.BaseUrl, "/plaintext");
        Assert.Equal("perfnb-test", response.Headers["Server"]);
        var names = server.ProcessIds().Select(p => File.ReadAllText($"/proc/{p}/cmdline")).ToList();
        Assert.Contains(names, n => n.StartsWith("perfnbtest-", StringComparison.Ordinal));
        Assert.Contains("uWSGI", server.Versions.Python);
        Assert.StartsWith("uwsgi 2.", server.Versions.Server);
    }
}
