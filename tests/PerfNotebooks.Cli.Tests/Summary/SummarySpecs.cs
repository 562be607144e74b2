using PerfNotebooks.Reporting;

namespace PerfNotebooks.Cli.Tests.Summary;

/// <summary>
/// The terminal summary, on the stored seed run (data/runs/seed-reference, copied so the test can write
/// into it): its lines say what verdicts.csv and claims.csv say, it fits 100 columns, and it has colour
/// only on a terminal without NO_COLOR.
/// </summary>
public sealed class SummarySpecs : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perfnb-cli-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly string _marker = Guid.NewGuid().ToString("N");
    private readonly string _run;

    public SummarySpecs()
    {
        Directory.CreateDirectory(_root);
        _run = CopyRun(Path.Combine(RepoRoot.Path, "data", "runs", "seed-reference"), _root);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact(Timeout = 150_000)]
    public async Task The_summary_of_a_stored_run_says_what_its_verdicts_and_claims_files_say()
    {
        var (code, stdout, stderr) = await Run(null, "report", "seed-reference", "--runs", _root, "--summary");
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        var verdicts = ConclusionFiles.ReadVerdicts(_run);
        Assert.NotEmpty(verdicts);
        foreach (var v in verdicts)
        {
            var ratio = Numbers.RatioWithInterval(v.Ratio, v.RatioLow, v.RatioHigh);
            var words = v.OutcomeWords();
            var first = words.Split(" (")[0];
            var at = lines.FindIndex(l => l.Contains(Prefix(v.Condition)) && l.Contains(v.Leader) && l.Contains(ratio) && l.TrimEnd().EndsWith(first, StringComparison.Ordinal));
            Assert.True(at >= 0, $"no summary line for {v.Dimension} {v.Condition}: {v.Leader} {ratio} {first}\n{stdout}");
            Assert.Contains("vs " + v.RunnerUp, lines[at + 1]);
            if (words.Contains(" (")) Assert.EndsWith(words[words.IndexOf(" (", StringComparison.Ordinal)..].Trim(), lines[at + 1]);
        }
        foreach (var dimension in verdicts.Select(v => v.Dimension).Distinct())
            Assert.Contains(lines, l => l.StartsWith(char.ToUpperInvariant(dimension[0]) + dimension[1..] + ",", StringComparison.Ordinal));

        var claims = ConclusionFiles.ReadClaims(_run);
        Assert.Equal(18, claims.Count);
        foreach (var c in claims)
        {
            var words = c.Outcome switch
            {
                ClaimOutcome.Agrees => "agrees",
                ClaimOutcome.Disagrees => "disagrees",
                ClaimOutcome.CannotTell => "cannot tell",
                _ => "not measured",
            };
            Assert.Contains(lines, l => l.StartsWith("  " + words, StringComparison.Ordinal) && l.Contains(c.Claim[..30]));
        }
        Assert.Contains($"perfnb: report: {Path.Combine(_run, "report.html")}", lines);
        Assert.Contains($"perfnb: verdicts: {Path.Combine(_run, "verdicts.csv")}", lines);
        Assert.Contains($"perfnb: claims: {Path.Combine(_run, "claims.csv")}", lines);
        Assert.All(lines.Where(l => !l.StartsWith("perfnb: ", StringComparison.Ordinal)), l => Assert.True(l.Length <= 100, $"{l.Length} columns: {l}"));
    }

    [Fact(Timeout = 150_000)]
    public async Task A_stored_run_with_a_failed_cell_says_the_summary_leaves_it_out()
    {
        // The first cell of the stored run marked failed, as perfnb compare stores a cell in which no request completed.
        var results = Path.Combine(_run, "results.csv");
        var lines = await File.ReadAllLinesAsync(results);
        var flags = Array.IndexOf(lines[0].Split(','), "flags");
        var fields = SplitCsv(lines[1]);
        var cellId = fields[0];
        fields[flags] = "no-requests";
        lines[1] = string.Join(',', fields.Select(f => f.Contains(',') || f.Contains('"') ? "\"" + f.Replace("\"", "\"\"") + "\"" : f));
        await File.WriteAllLinesAsync(results, lines);

        var (code, stdout, stderr) = await Run(null, "report", "seed-reference", "--runs", _root, "--summary");

        Assert.True(code == 0, stderr);
        Assert.Contains($"Left out of the verdicts: 1 failed cell(s): {cellId} (reasons in results.csv)", stdout);
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    [Fact(Timeout = 150_000)]
    public async Task Without_a_terminal_or_with_NO_COLOR_the_summary_has_no_escape_codes()
    {
        var piped = await Run(null, "report", "seed-reference", "--runs", _root, "--summary");
        Assert.Equal(0, piped.ExitCode);
        Assert.DoesNotContain('\u001b', piped.Stdout);
        Assert.Contains("The article's claims", piped.Stdout);

        var pipedNoColor = await Run(new Dictionary<string, string> { ["NO_COLOR"] = "1" }, "report", "seed-reference", "--runs", _root, "--summary");
        Assert.DoesNotContain('\u001b', pipedNoColor.Stdout);

        // On a terminal (a pseudo-terminal from script(1)) there is colour (SGR codes), unless NO_COLOR is set.
        // (The .NET runtime itself sends the terminal's keypad mode, ESC [?1h ESC =, to a terminal: not colour.)
        var sgr = new System.Text.RegularExpressions.Regex("\u001b\\[[0-9;]*m");
        var tty = await OnTerminal(new Dictionary<string, string>());
        Assert.Matches(sgr, tty);
        var noColor = await OnTerminal(new Dictionary<string, string> { ["NO_COLOR"] = "1" });
        Assert.Contains("The article's claims", noColor);
        Assert.DoesNotMatch(sgr, noColor);
    }

    [Fact(Timeout = 150_000)]
    public async Task Open_says_plainly_when_there_is_no_desktop_and_uses_xdg_open_when_there_is_one()
    {
        var none = await Run(new Dictionary<string, string> { ["DISPLAY"] = "", ["WAYLAND_DISPLAY"] = "" }, "report", "seed-reference", "--runs", _root, "--open");
        Assert.Equal(0, none.ExitCode);
        Assert.Contains("perfnb: no desktop here ($DISPLAY and $WAYLAND_DISPLAY are unset): the report was not opened.", none.Stdout);

        // A desktop: DISPLAY set and an xdg-open on PATH (here one that notes what it was asked to open).
        var bin = Path.Combine(_root, "bin");
        Directory.CreateDirectory(bin);
        var asked = Path.Combine(_root, "asked.txt");
        var fake = Path.Combine(bin, "xdg-open");
        await File.WriteAllTextAsync(fake, $"#!/bin/sh\necho \"$1\" > '{asked}'\n");
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var desktop = await Run(new Dictionary<string, string> { ["DISPLAY"] = ":99", ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") },
            "report", "seed-reference", "--runs", _root, "--open");
        Assert.Equal(0, desktop.ExitCode);
        var report = Path.Combine(_run, "report.html");
        Assert.Contains($"perfnb: opened {report} with xdg-open.", desktop.Stdout);
        Assert.Equal(report, (await File.ReadAllTextAsync(asked)).Trim());
    }

    [Fact(Timeout = 150_000)]
    public async Task A_band_that_is_not_a_percentage_is_one_line_and_exit_code_2()
    {
        var (code, _, stderr) = await Run(null, "report", "seed-reference", "--runs", _root, "--summary", "--equal-within", "0.05");
        Assert.Equal(2, code);
        Assert.Equal("perfnb: --equal-within '0.05' is out of range; give a percentage from 0.5 to 50, like 5%.", stderr.Trim());
        var wider = await Run(null, "report", "seed-reference", "--runs", _root, "--summary", "--equal-within", "10%");
        Assert.Equal(0, wider.ExitCode);
        Assert.Contains("practically equal within ±10%", wider.Stdout);
        Assert.All(ConclusionFiles.ReadVerdicts(_run), v => Assert.Equal(0.1, v.Band, 12));
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        await using var p = Perfnb.Start(_marker, environment, args);
        var code = await p.WaitAsync(Generous);
        return (code, p.Stdout, p.Stderr);
    }

    /// <summary>perfnb report --summary with stdout on a pseudo-terminal (script -qec), the way a person runs it.</summary>
    private async Task<string> OnTerminal(IReadOnlyDictionary<string, string> environment)
    {
        var start = ProgramRun.Start("/usr/bin/script", ["-qec", $"dotnet '{Perfnb.Dll}' report seed-reference --runs '{_root}' --summary", "/dev/null"]);
        start.Environment.Remove("NO_COLOR");
        start.Environment["TERM"] = "xterm";
        foreach (var (k, v) in environment) start.Environment[k] = v;
        var run = await ProgramRun.RunAsync(start, Generous);
        Assert.Equal(0, run.ExitCode);
        return run.Stdout;
    }

    /// <summary>The start of a condition as the summary shows it (a long one is cut with an ellipsis).</summary>
    private static string Prefix(string condition) => condition.Length <= 16 ? condition : condition[..16];


    private static string CopyRun(string run, string root)
    {
        var target = Path.Combine(root, Path.GetFileName(run));
        foreach (var file in Directory.EnumerateFiles(run, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(run, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }
}
