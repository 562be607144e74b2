using System.Diagnostics;
using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

[Collection(LoadCollection.Name)]
public sealed class OutOfProcessLoadRunnerSpecs
{
    /// <summary>perfnb.dll as built next to this test (the Cli project is built with it, same configuration).</summary>
    internal static string CliPath()
    {
        Assert.True(File.Exists(Perfnb.Dll), $"{Perfnb.Dll} is missing: build src/PerfNotebooks.Cli");
        return Perfnb.Dll;
    }

    [Fact(Timeout = 60_000)]
    public async Task I_can_run_the_load_in_a_child_process_and_get_the_whole_result_back_with_progress()
    {
        var marker = "oop-" + Guid.NewGuid().ToString("N");
        int group;
        using (var nginx = await NginxServer.StartAsync())
        {
            group = nginx.ProcessGroup;
            var reports = new List<LoadProgress>();
            var runner = new OutOfProcessLoadRunner { CliPath = CliPath() };
            var spec = new LoadSpec { Url = nginx.Url(), Connections = 8, Duration = TimeSpan.FromSeconds(2.5), Headers = [new("X-Marker", marker)] };

            var result = await runner.RunAsync(spec, new SynchronousProgress(p => { lock (reports) reports.Add(p); }));

            Assert.Same(spec, result.Spec);
            Assert.True(result.Summary.Requests > 1000, $"{result.Summary.Requests} requests");
            Assert.Equal(result.Summary.Requests, result.Corrected.TotalCount);
            Assert.Equal(0, result.Errors.Total);
            Assert.NotEmpty(result.Timeline);
            Assert.NotEmpty(reports);
            Assert.True(result.Client.CpuSeconds > 0);
        }
        Assert.Empty(ProcessGroups.Members(group));
        Assert.Empty(ProcessTable.WithCommandLine(marker));
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancelling_the_child_returns_what_it_measured_and_leaves_no_process()
    {
        var marker = "oop-" + Guid.NewGuid().ToString("N");
        await using var server = ScriptedHttpServer.Fixed();
        var runner = new OutOfProcessLoadRunner { CliPath = CliPath() };
        var spec = new LoadSpec { Url = server.Url(), Connections = 2, Duration = TimeSpan.FromSeconds(60), Headers = [new("X-Marker", marker)] };
        var started = new TaskCompletionSource();
        using var cancel = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        var run = runner.RunAsync(spec, new SynchronousProgress(p => { if (p.Requests > 0) started.TrySetResult(); }), cancel.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        cancel.Cancel();
        var result = await run;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.True(result.Summary.Requests > 0);
        Assert.True(result.Summary.DurationSeconds < 30);
        Assert.Empty(ProcessTable.WithCommandLine(marker));
    }

    [Fact(Timeout = 90_000)]
    public async Task The_child_load_process_ends_when_its_parent_is_killed()
    {
        // The parent here is a small Python process that starts the child exactly as the runner does (the
        // runner's own argument list, stdin a pipe only the parent holds), then is killed with SIGKILL, as a
        // notebook kernel can be. The child must notice and stop long before its 60 s run would end.
        var marker = "oop-" + Guid.NewGuid().ToString("N");
        await using var server = ScriptedHttpServer.Fixed();
        var spec = new LoadSpec { Url = server.Url(), Connections = 2, Duration = TimeSpan.FromSeconds(60), Headers = [new("X-Marker", marker)] };
        var resultFile = Path.Combine(Path.GetTempPath(), marker + ".json");
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("import subprocess, sys, time\n" +
                              "child = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n" +
                              "print(child.pid, flush=True)\n" +
                              "time.sleep(600)\n");
        info.ArgumentList.Add("/usr/bin/setsid");
        info.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet");
        // The spec file's name carries the marker, so the child's command line does too.
        var specFile = Path.Combine(Path.GetTempPath(), marker + "-spec.json");
        await File.WriteAllTextAsync(specFile, LoadSpecJson.Write(spec));
        foreach (var a in OutOfProcessLoadRunner.BuildArguments(CliPath(), specFile, resultFile)) info.ArgumentList.Add(a);
        using var parent = Process.Start(info)!;
        try
        {
            var childPid = int.Parse((await parent.StandardOutput.ReadLineAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(await ProcessResources.EventuallyAsync(() => server.Requests > 0, TimeSpan.FromSeconds(30)), "the child never sent a request");

            parent.Kill();
            await parent.WaitForExitAsync();
            var clock = Stopwatch.StartNew();

            Assert.True(await ProcessResources.EventuallyAsync(() => !IsRunning(childPid), TimeSpan.FromSeconds(15)),
                $"the child (PID {childPid}) still runs {clock.Elapsed.TotalSeconds:0.0} s after its parent was killed");
            Assert.Empty(ProcessTable.WithCommandLine(marker));
        }
        finally
        {
            if (!parent.HasExited) parent.Kill();
            foreach (var pid in ProcessTable.WithCommandLine(marker)) ProcessGroups.Kill(pid);
            File.Delete(resultFile);
            File.Delete(specFile);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task The_runner_gives_its_child_a_stdin_pipe_and_asks_it_to_watch_it()
    {
        await using var server = ScriptedHttpServer.Fixed();
        var runner = new OutOfProcessLoadRunner { CliPath = CliPath() };
        var spec = new LoadSpec { Url = server.Url(), Connections = 1, Duration = TimeSpan.FromSeconds(2) };
        string? stdin = null;
        string? commandLine = null;

        var run = runner.RunAsync(spec, new SynchronousProgress(_ =>
        {
            // The child: this process's own (setsid runs it in place), a perfnb load given its spec as a file.
            foreach (var pid in ProcessTable.Where(p => p.ParentPid == Environment.ProcessId && p.Arguments().Contains("--spec")))
            {
                try
                {
                    stdin ??= new FileInfo($"/proc/{pid}/fd/0").LinkTarget;
                    commandLine ??= File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
                }
                catch (IOException)
                {
                }
            }
        }));
        var result = await run;

        Assert.True(result.Successes > 0);
        Assert.StartsWith("pipe:", stdin);
        Assert.Contains("--stop-on-stdin-eof", commandLine);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    [Fact]
    public void Without_the_cli_the_runner_says_how_to_point_at_it()
    {
        var previous = Environment.GetEnvironmentVariable(OutOfProcessLoadRunner.CliPathVariable);
        try
        {
            Environment.SetEnvironmentVariable(OutOfProcessLoadRunner.CliPathVariable, "/nonexistent/perfnb.dll");
            var error = Assert.Throws<PerfNotebooksException>(OutOfProcessLoadRunner.LocateCli);
            Assert.Contains(OutOfProcessLoadRunner.CliPathVariable, error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(OutOfProcessLoadRunner.CliPathVariable, previous);
        }
    }

    [Fact]
    public void The_cli_is_found_through_the_environment_variable()
    {
        var previous = Environment.GetEnvironmentVariable(OutOfProcessLoadRunner.CliPathVariable);
        try
        {
            Environment.SetEnvironmentVariable(OutOfProcessLoadRunner.CliPathVariable, CliPath());
            Assert.Equal(CliPath(), OutOfProcessLoadRunner.LocateCli());
        }
        finally
        {
            Environment.SetEnvironmentVariable(OutOfProcessLoadRunner.CliPathVariable, previous);
        }
    }

    private sealed class SynchronousProgress(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
