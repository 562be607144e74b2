using System.Globalization;
using System.Text.RegularExpressions;
using PerfNotebooks.Experiments;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Cli.Tests.Compare;

/// <summary>
/// `perfnb compare` and its run folder under stress: two writers at once, a writer killed with SIGKILL, a full
/// disk. Real perfnb processes, real servers, a real (size-limited) filesystem.
/// </summary>
public sealed class CompareStoreFaultSpecs : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(200);
    private readonly TempFolder _root = new();
    private readonly string _marker = Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        MarkedProcesses.KillAll(_marker);
        _root.Dispose();
    }

    [Fact(Timeout = 300_000)]
    public async Task A_second_resume_of_a_run_being_resumed_is_refused_in_one_line_naming_the_pid_of_the_first()
    {
        var id = StoreUnmeasuredRun(reps: 3);
        await using var first = Perfnb.Start(_marker, null, "compare", "--resume", id, "--out", _root.Path, "--no-report");
        await first.WaitForOutputAsync("resuming run", 1, Generous);

        var second = await Perfnb.RunAsync(_marker, Generous, "compare", "--resume", id, "--out", _root.Path, "--no-report");

        Assert.True(second.ExitCode == 2, $"exit {second.ExitCode}\n{second.Stdout}\n{second.Stderr}");
        var line = Assert.Single(second.Stderr.Trim().Split('\n'));
        Assert.StartsWith($"perfnb: run {id} is being written by PID {first.Pid.ToString(CultureInfo.InvariantCulture)}", line);
        Assert.DoesNotContain("resuming", second.Stdout);

        var code = await first.WaitAsync(Generous);
        Assert.True(code == 0, $"exit {code}\n{first.Stdout}\n{first.Stderr}");
        var run = RunStore.Load(Path.Combine(_root.Path, id));
        Assert.Equal(3, run.Results.Count);
        Assert.Equal(2, run.Info.Sessions); // the refused one never counted as a session
        Assert.Equal(RunStatus.Complete, run.Info.Status);
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_writer_killed_mid_cell_leaves_an_interrupted_run_whose_resume_takes_the_lock_over_and_measures_only_what_is_missing()
    {
        var id = StoreUnmeasuredRun(reps: 4);
        var directory = Path.Combine(_root.Path, id);
        await using (var killed = Perfnb.Start(_marker, null, "compare", "--resume", id, "--out", _root.Path, "--no-report"))
        {
            await killed.WaitForOutputAsync("/4] ", 2, Generous);
            // In the middle of the third cell: its server is up and under load.
            await WaitForServerAsync();
            await Task.Delay(700);
            killed.KillGroup(ProcessGroups.Signal.Kill);
            await killed.WaitAsync(TimeSpan.FromSeconds(30));
        }
        MarkedProcesses.KillAll(_marker); // the orphaned server (its watchdog would get it too)
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
        // What a writer killed in the middle of a write leaves behind.
        File.WriteAllText(Path.Combine(directory, ".results.csv.tmp-0badc0de"), "half");
        File.WriteAllText(Path.Combine(directory, RunFiles.HistogramFolder, ".x.hlog.tmp-0badc0de"), "half");
        var before = ResultRows(directory);
        Assert.InRange(before.Count, 2, 3);

        var runs = await Perfnb.RunAsync(_marker, Generous, "runs", "--runs", _root.Path);
        Assert.Matches($@"{Regex.Escape(id)}\s+\S+\s+interrupted\s+{before.Count}/4", runs.Stdout);

        var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous, "compare", "--resume", id, "--out", _root.Path, "--no-report");
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Equal(4 - before.Count, Regex.Count(stdout, @"^\[\d+/\d+\] ", RegexOptions.Multiline));
        var after = ResultRows(directory);
        Assert.Equal(4, after.Count);
        foreach (var (cell, row) in before) Assert.Equal(row, after[cell]);
        Assert.Empty(Directory.EnumerateFiles(directory, "*.tmp-*", SearchOption.AllDirectories));
        Assert.Equal(RunStatus.Complete, RunStore.Load(directory).Info.Status);
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_full_disk_is_one_line_and_every_cell_measured_before_it_is_stored_whole()
    {
        using var disk = new SmallFilesystem(48);
        var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous,
            "compare", "--stacks", "wsgi-gunicorn", "-c", "4", "--reps", "12", "--duration", "300ms", "--warmup", "0s", "--cooldown", "0s", "--out", disk.Path);

        Assert.True(code == 2, $"exit {code}\n{stdout}\n{stderr}");
        Assert.DoesNotContain("   at ", stderr);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("perfnb: cannot store ", line);
        Assert.Contains("No space left on device", line);
        var directory = Regex.Match(stdout, @"stored in (.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();
        var printed = Regex.Matches(stdout, @"^\[\d+/12\] (\S+):", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.InRange(printed.Count, 1, 11);
        // Every cell reported done is stored, whole; nothing half-written is left.
        var run = RunStore.Load(directory);
        Assert.Equal(printed, run.Results.Select(r => r.Cell.Id));
        Assert.All(run.Results, r => Assert.True(r.Corrected is { TotalCount: > 0 } && r.Summary.Requests > 0, r.Cell.Id));
        Assert.Empty(run.Problems);
        Assert.Equal(RunStatus.Interrupted, run.Info.Status);
        Assert.Empty(Directory.EnumerateFiles(directory, "*.tmp-*", SearchOption.AllDirectories));
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
    }

    /// <summary>A stored run with nothing measured yet: one stack, one level, <paramref name="reps"/> cells of 1 s.</summary>
    private string StoreUnmeasuredRun(int reps)
    {
        var plan = new ExperimentPlan
        {
            Name = "store-faults",
            Matrices = [new PlanMatrix { Label = "faults", Stacks = [StackCatalog.Get("wsgi-gunicorn") with { Workers = 1 }], Endpoints = ["/plaintext"], Levels = [4] }],
            Repetitions = reps,
            Warmup = TimeSpan.FromMilliseconds(200),
            Duration = TimeSpan.FromSeconds(1),
            Cooldown = TimeSpan.Zero,
        };
        return SyntheticRun.Store(_root.Path, plan, cells: 0, complete: false).Id;
    }

    private async Task WaitForServerAsync()
    {
        var deadline = DateTime.UtcNow + Generous;
        while (MarkedProcesses.ServerLeaders(_marker).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no server started");
            await Task.Delay(20);
        }
    }

    private static Dictionary<string, string> ResultRows(string runDirectory)
        => File.ReadAllLines(Path.Combine(runDirectory, RunFiles.Results)).Skip(1).Where(l => l.Length > 0)
            .ToDictionary(l => l.Split(',')[0], l => l);
}
