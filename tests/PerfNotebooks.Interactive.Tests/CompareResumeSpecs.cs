using PerfNotebooks.Experiments;

namespace PerfNotebooks.Interactive.Tests;

/// <summary>
/// #!compare --resume of a stored run whose plan holds a user-defined command (as a run folder from elsewhere
/// could): shown, and run only with --trust. The app records its import in a file, so the test knows whether it ran.
/// </summary>
public sealed class CompareResumeSpecs : IDisposable
{
    private readonly string _runs = Directory.CreateTempSubdirectory("perfnb-nb-resume-").FullName;
    private readonly string _app;
    private readonly string _ran;
    private readonly string _id;

    public CompareResumeSpecs()
    {
        var run = UntrustedRun.Create(_runs);
        _app = run.AppDirectory;
        _ran = run.RanFile;
        _id = run.Id;
    }

    [Fact(Timeout = 180_000)]
    public async Task A_resume_shows_the_run_s_own_commands_and_runs_them_only_with_trust()
    {
        using var kernel = await NotebookKernel.StartAsync();

        var refused = await kernel.RunAsync($"#!compare --resume {_id} --out {_runs}");
        Assert.NotNull(refused.Error);
        Assert.Contains("runs only with --trust", refused.Error);
        Assert.DoesNotContain("\n", refused.Error.Trim());
        Assert.Contains("stack my-app runs: /usr/bin/python3 -m gunicorn --workers 1 -b {host}:{port} trustapp:app", refused.Html);
        Assert.False(File.Exists(_ran), "the command ran");
        Assert.Empty(RunStore.Load(_id, _runs).Results);

        var trusted = await kernel.RunAsync($"#!compare --resume {_id} --out {_runs} --trust --name resumed");
        Assert.Null(trusted.Error);
        Assert.True(File.Exists(_ran));
        Assert.Equal("1", (await kernel.RunAsync("resumed.Results.Count")).Value);
        Assert.Equal("Complete", (await kernel.RunAsync("resumed.Info.Status")).Value);
        await PyServerSpecs.WaitUntilAsync(() => Processes.OurServers().Count == 0, 20);
        Assert.Empty(Processes.OurServers());
    }

    [Fact(Timeout = 60_000)]
    public async Task Resume_with_a_plan_of_its_own_and_trust_without_resume_are_one_line_mistakes()
    {
        using var kernel = await NotebookKernel.StartAsync();
        var both = await kernel.RunAsync($"#!compare --resume {_id} --stacks tornado --out {_runs}");
        Assert.Contains("leave out --preset and --stacks", both.Error);
        var trust = await kernel.RunAsync($"#!compare --stacks tornado --trust --out {_runs}");
        Assert.Contains("--trust goes with --resume RUN", trust.Error);
        Assert.False(File.Exists(_ran));
    }

    public void Dispose() => Directory.Delete(_runs, recursive: true);
}
