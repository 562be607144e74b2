using System.Text.RegularExpressions;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Cli.Tests.Compare;

/// <summary>`perfnb compare` as a user runs it: a real child process, real servers, the real load engine.</summary>
public sealed class CompareSpecs : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(200);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perfnb-cli-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly string _marker = Guid.NewGuid().ToString("N");

    public CompareSpecs() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        MarkedProcesses.KillAll(_marker);
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private string[] SmallPlan(params string[] extra) =>
    [
        "compare", "--stacks", "wsgi-gunicorn,starlette-uvicorn", "-c", "4,32", "--reps", "2",
        "--duration", "1s", "--warmup", "300ms", "--cooldown", "100ms", "--out", _root, .. extra,
    ];

    [Fact(Timeout = 300_000)]
    public async Task I_can_compare_two_stacks_and_get_a_report_and_a_listed_run()
    {
        var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous, SmallPlan());
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        // Without a terminal the progress is one plain line per cell.
        Assert.Equal(8, Regex.Count(stdout, @"^\[\d+/8\] ", RegexOptions.Multiline));
        var report = Regex.Match(stdout, @"^perfnb: report: (.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();
        Assert.True(File.Exists(report), stdout);
        var run = RunStore.Load(Path.GetDirectoryName(report)!);
        Assert.Equal(8, run.Results.Count);
        // It ends with the terminal summary and the paths of the conclusions written beside results.csv.
        Assert.Contains("Verdicts (ratio in the leader's favour", stdout);
        Assert.Contains("The article's claims", stdout);
        Assert.Contains($"perfnb: verdicts: {Path.Combine(run.Directory, "verdicts.csv")}", stdout);
        Assert.NotEmpty(PerfNotebooks.Reporting.ConclusionFiles.ReadVerdicts(run.Directory));
        Assert.Equal(18, PerfNotebooks.Reporting.ConclusionFiles.ReadClaims(run.Directory).Count);
        Assert.Equal(RunStatus.Complete, run.Info.Status);
        Assert.All(run.Results, r => Assert.True(r.Summary.Requests > 0, r.Cell.Id));
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));

        var runs = await Perfnb.RunAsync(_marker, Generous, "runs", "--out", _root);
        Assert.Equal(0, runs.ExitCode);
        Assert.Matches($@"{Regex.Escape(run.Id)}\s+custom\s+complete\s+8/8", runs.Stdout);

        var again = Path.Combine(_root, "again.html");
        var rendered = await Perfnb.RunAsync(_marker, Generous, "report", run.Id, "--runs", _root, "--out", again);
        Assert.Equal(0, rendered.ExitCode);
        Assert.Equal(Path.GetFullPath(again), rendered.Stdout.Trim());
        Assert.True(new FileInfo(again).Length > 3_000_000);
    }

    [Fact(Timeout = 300_000)]
    public async Task Quiet_leaves_only_the_paths()
    {
        var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous,
            "compare", "--stacks", "wsgi-gunicorn,starlette-uvicorn", "-c", "4", "--reps", "1", "--duration", "300ms", "--warmup", "100ms", "--cooldown", "0ms",
            "--out", _root, "--quiet");
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^perfnb: measured 2 cells; data in /.+$", lines[0]);
        Assert.Matches(@"^perfnb: report: /.+/report\.html$", lines[1]);
        Assert.Matches(@"^perfnb: verdicts: /.+/verdicts\.csv$", lines[2]);
        Assert.Matches(@"^perfnb: claims: /.+/claims\.csv$", lines[3]);
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
    }

    [Fact(Timeout = 400_000)]
    public async Task A_compare_killed_mid_run_finishes_with_resume_measuring_each_cell_once()
    {
        string runDirectory;
        await using (var first = Perfnb.Start(_marker, null, SmallPlan()))
        {
            await first.WaitForOutputAsync("/8] ", 3, Generous);
            runDirectory = Regex.Match(first.Stdout, @"stored in (.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();
            first.KillGroup(ProcessGroups.Signal.Kill); // a crash: no handler runs
            await first.WaitAsync(TimeSpan.FromSeconds(30));
        }
        // SIGKILL gives perfnb no chance to stop its server (it runs in a session of its own): clean it up here.
        MarkedProcesses.KillAll(_marker);
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));

        var before = RunStore.Load(runDirectory);
        Assert.InRange(before.Results.Count, 3, 7);
        var rowsBefore = ResultRows(runDirectory);

        var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous, "compare", "--resume", before.Id, "--out", _root);
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains($"resuming run {before.Id} ({before.Results.Count} of 8 cells", stdout);
        var resumedCells = 8 - before.Results.Count;
        Assert.Equal(resumedCells, Regex.Count(stdout, $@"^\[\d+/{resumedCells}\] ", RegexOptions.Multiline));

        var after = RunStore.Load(runDirectory);
        Assert.Equal(8, after.Results.Count);
        Assert.Equal(8, after.Results.Select(r => r.Cell.Id).Distinct().Count());
        Assert.Equal(before.Info.Plan.Cells().Select(c => c.Id).Order(), after.Results.Select(r => r.Cell.Id).Order());
        // The cells measured before the crash are kept byte for byte, not measured again.
        var rowsAfter = ResultRows(runDirectory);
        foreach (var (id, row) in rowsBefore) Assert.Equal(row, rowsAfter[id]);
        Assert.Equal(RunStatus.Complete, after.Info.Status);
        Assert.Equal(2, after.Info.Sessions);
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
    }

    [Fact(Timeout = 300_000)]
    public async Task Ctrl_C_stops_a_comparison_cleanly_and_keeps_what_was_measured()
    {
        await using var p = Perfnb.Start(_marker, null, SmallPlan());
        await p.WaitForOutputAsync("/8] ", 2, Generous);
        p.KillGroup(ProcessGroups.Signal.Interrupt);
        var code = await p.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(130, code);
        Assert.Contains("perfnb compare --resume", p.Stderr);
        Assert.DoesNotContain("   at ", p.Stderr); // no stack trace
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
        var runDirectory = Regex.Match(p.Stdout, @"stored in (.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();
        var run = RunStore.Load(runDirectory);
        Assert.InRange(run.Results.Count, 2, 7);
        Assert.Equal(RunStatus.Interrupted, run.Info.Status);
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["compare", "--stacks", "flask-gunicron"], "unknown stack 'flask-gunicron'" },
        { ["compare", "--stacks", "wsgi-gunicorn", "--duration", "10x"], "--duration '10x' is not a duration" },
        { ["compare", "--stacks", "wsgi-gunicorn", "--endpoints", "/nope"], "unknown endpoint '/nope'" },
        { ["compare", "--stacks", "wsgi-gunicorn", "-c", "0"], "is not a connection count" },
        { ["compare", "--stacks", "wsgi-gunicorn", "-c", "4,x"], "--connections '4,x' does not parse" },
        { ["compare", "--stacks", "wsgi-gunicorn", "--endpoints", ","], "--endpoints ',' is empty" },
        { ["compare", "--preset", "fast"], "unknown preset 'fast'" },
        { ["compare", "--resume", "no-such-run"], "run 'no-such-run' does not exist" },
        { ["report", "no-such-run"], "run 'no-such-run' does not exist" },
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_one_line_naming_what_is_accepted_and_nothing_is_created(string[] args, string expected)
    {
        var withRoot = args[0] == "report" ? [.. args, "--runs", _root] : args.Concat(["--out", _root]).ToArray();
        var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous, withRoot);
        Assert.True(code == 2, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("perfnb: ", stderr);
        Assert.Empty(Directory.EnumerateDirectories(_root));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_out_folder_that_cannot_be_written_is_one_line()
    {
        var file = Path.Combine(_root, "a-file");
        await File.WriteAllTextAsync(file, "");
        var (code, _, stderr) = await Perfnb.RunAsync(_marker, Generous, "compare", "--stacks", "wsgi-gunicorn", "--out", Path.Combine(file, "runs"));
        Assert.Equal(2, code);
        Assert.Contains("cannot write runs", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    private static Dictionary<string, string> ResultRows(string runDirectory)
        => File.ReadAllLines(Path.Combine(runDirectory, RunFiles.Results)).Skip(1).Where(l => l.Length > 0)
            .ToDictionary(l => l.Split(',')[0], l => l);
}
