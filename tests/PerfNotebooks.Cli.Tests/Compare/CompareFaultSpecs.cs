using System.Text.RegularExpressions;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Cli.Tests.Compare;

/// <summary>`perfnb compare` when a server fails under it: one line per failed cell, the rest stored, exit code 1, and --resume retries.</summary>
public sealed class CompareFaultSpecs : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(200);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perfnb-cli-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly string _marker = Guid.NewGuid().ToString("N");

    public CompareFaultSpecs() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        MarkedProcesses.KillAll(_marker);
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact(Timeout = 300_000)]
    public async Task A_server_killed_mid_run_fails_its_cell_the_run_goes_on_exits_1_naming_it_and_resume_retries_it()
    {
        string[] args = ["compare", "--stacks", "wsgi-gunicorn", "-c", "4", "--reps", "2", "--duration", "2s", "--warmup", "300ms", "--cooldown", "0s", "--out", _root];
        await using var p = Perfnb.Start(_marker, null, args);
        // Kill the first server's leader once it has been up a while (under load, or still starting: a failed cell either way).
        var deadline = DateTime.UtcNow + Generous;
        int leader;
        while ((leader = MarkedProcesses.ServerLeaders(_marker).FirstOrDefault()) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no server started");
            await Task.Delay(20);
        }
        await Task.Delay(1500);
        Assert.True(ProcessGroups.Send(leader, ProcessGroups.Signal.Kill));
        var code = await p.WaitAsync(Generous);

        Assert.True(code == 1, $"exit {code}\n{p.Stdout}\n{p.Stderr}");
        var errors = p.Stderr.Trim().Split('\n');
        Assert.DoesNotContain("   at ", p.Stderr);
        Assert.Equal(2, errors.Length);
        var failedLine = Regex.Match(errors[0], @"^perfnb: \[1/2\] (\S+) failed: stack wsgi-gunicorn: .*(exited|not ready)");
        Assert.True(failedLine.Success, p.Stderr);
        var cell = failedLine.Groups[1].Value;
        Assert.Matches($@"^perfnb: 1 of 2 cells failed: {Regex.Escape(cell)} .*perfnb compare --resume \S+ --out ", errors[1]);
        // Everything else was stored and reported.
        Assert.Matches(@"^\[2/2\] \S+: [\d.,k]+ req/s", p.Stdout.Split('\n').Single(l => l.StartsWith("[2/2]", StringComparison.Ordinal)));
        Assert.Matches(@"perfnb: report: ", p.Stdout);
        var runDirectory = Regex.Match(p.Stdout, @"stored in (.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();
        var run = RunStore.Load(runDirectory);
        Assert.Equal(RunStatus.Incomplete, run.Info.Status);
        Assert.Equal([cell], run.Results.Where(r => r.Failed).Select(r => r.Cell.Id));
        Assert.Single(run.Results, r => !r.Failed && r.Summary.Requests > 0);
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));

        var resumed = await Perfnb.RunAsync(_marker, Generous, "compare", "--resume", run.Id, "--out", _root);
        Assert.True(resumed.ExitCode == 0, $"exit {resumed.ExitCode}\n{resumed.Stdout}\n{resumed.Stderr}");
        Assert.Contains($"[1/1] {cell}: ", resumed.Stdout);
        var after = RunStore.Load(runDirectory);
        Assert.Equal(RunStatus.Complete, after.Info.Status);
        Assert.Equal(2, after.Results.Count);
        Assert.All(after.Results, r => Assert.False(r.Failed, r.Note));
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
    }

    [Fact(Timeout = 300_000)]
    public async Task SIGTERM_stops_a_comparison_as_Ctrl_C_does_and_marks_the_run_interrupted()
    {
        await using var p = Perfnb.Start(_marker, null, "compare", "--stacks", "wsgi-gunicorn", "-c", "4", "--reps", "3", "--duration", "2s", "--warmup", "300ms", "--out", _root);
        await p.WaitForOutputAsync("/3] ", 1, Generous);
        p.KillGroup(ProcessGroups.Signal.Term);
        var code = await p.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == 130, $"exit {code}\n{p.Stdout}\n{p.Stderr}");
        Assert.Contains("perfnb compare --resume", p.Stderr);
        Assert.DoesNotContain("   at ", p.Stderr);
        var runDirectory = Regex.Match(p.Stdout, @"stored in (.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();
        // Written by perfnb itself, not only read so from a writer that is gone.
        Assert.Contains("\"status\": \"interrupted\"", await File.ReadAllTextAsync(Path.Combine(runDirectory, RunFiles.RunJson)));
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
    }
}
