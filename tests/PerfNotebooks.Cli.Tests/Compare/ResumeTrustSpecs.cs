using PerfNotebooks.Experiments;

namespace PerfNotebooks.Cli.Tests.Compare;

/// <summary>
/// `perfnb compare --resume` of a run folder whose plan holds a user-defined command (as one that came from
/// elsewhere could): the command is printed, and runs only with --trust or a yes typed at a terminal.
/// The app records each import in a file, so a test knows whether the command ran at all.
/// </summary>
public sealed class ResumeTrustSpecs : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(200);
    private readonly TempFolder _root = new();
    private readonly string _marker = Guid.NewGuid().ToString("N");
    private readonly string _app;
    private readonly string _ran;
    private readonly string _id;

    public ResumeTrustSpecs()
    {
        var run = UntrustedRun.Create(_root.Path);
        _app = run.AppDirectory;
        _ran = run.RanFile;
        _id = run.Id;
    }

    public void Dispose()
    {
        MarkedProcesses.KillAll(_marker);
        _root.Dispose();
    }

    private string Shown => $"stack my-app runs: /usr/bin/python3 -m gunicorn --workers 1 -b {{host}}:{{port}} trustapp:app, in {_app}";

    [Fact(Timeout = 120_000)]
    public async Task Without_trust_the_commands_are_printed_nothing_runs_and_the_exit_code_is_2()
    {
        var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous, "compare", "--resume", _id, "--out", _root.Path);

        Assert.True(code == 2, $"exit {code}\n{stdout}\n{stderr}");
        var lines = stderr.Trim().Split('\n');
        Assert.Equal($"perfnb: run {_id} holds commands of its own, which resuming it runs:", lines[0]);
        Assert.Equal("  " + Shown, lines[1]);
        Assert.Equal($"perfnb: run {_id} holds commands of its own (above), which --resume runs only with --trust; check them, then add --trust.", lines[^1]);
        Assert.Equal(3, lines.Length);
        Assert.False(File.Exists(_ran), "the command ran");
        var run = RunStore.Load(Path.Combine(_root.Path, _id));
        Assert.Equal(1, run.Info.Sessions);
        Assert.Empty(run.Results);
    }

    [Fact(Timeout = 200_000)]
    public async Task With_trust_the_commands_are_printed_and_run()
    {
        var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous, "compare", "--resume", _id, "--out", _root.Path, "--trust", "--no-report");

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains("  " + Shown, stdout);
        Assert.True(File.Exists(_ran));
        var cell = Assert.Single(RunStore.Load(Path.Combine(_root.Path, _id)).Results);
        Assert.True(cell.Summary.Requests > 0, cell.Note);
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
    }

    [Theory(Timeout = 200_000)]
    [InlineData("n", false)]
    [InlineData("", false)]
    [InlineData("y", true)]
    public async Task At_a_terminal_the_commands_run_only_after_a_typed_yes(string answer, bool runs)
    {
        await using var p = Perfnb.StartInTerminal(_marker, "compare", "--resume", _id, "--out", _root.Path, "--no-report");
        // The prompt ends without a newline (a line reader sees it with the answer): wait for the command it asks about.
        await p.WaitForOutputAsync(Shown, 1, Generous);
        Assert.False(File.Exists(_ran));
        await p.Input.WriteAsync(answer + "\n");
        await p.Input.FlushAsync();
        var code = await p.WaitAsync(Generous);

        Assert.True(code == (runs ? 0 : 2), $"exit {code}\n{p.Stdout}\n{p.Stderr}");
        Assert.Contains("Run them? [y/N] ", p.Stdout);
        Assert.Equal(runs, File.Exists(_ran));
        Assert.Equal(runs ? 1 : 0, RunStore.Load(Path.Combine(_root.Path, _id)).Results.Count);
        if (!runs) Assert.Contains($"not resumed: run {_id}'s commands were not confirmed; nothing ran.", p.Stdout);
        Assert.DoesNotContain("   at ", p.Stdout);
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Trust_without_resume_is_a_one_line_mistake()
    {
        var (code, _, stderr) = await Perfnb.RunAsync(_marker, Generous, "compare", "--stacks", "wsgi-gunicorn", "--trust", "--out", _root.Path);
        Assert.Equal(2, code);
        Assert.Equal("perfnb: --trust goes with --resume RUN: it lets a stored run's own commands run.", stderr.Trim());
    }
}
