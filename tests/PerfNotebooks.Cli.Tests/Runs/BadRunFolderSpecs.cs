using PerfNotebooks.Experiments;

namespace PerfNotebooks.Cli.Tests.Runs;

/// <summary>`perfnb runs` and `perfnb report` over run folders that are not whole: one line each, the rest still served.</summary>
public sealed class BadRunFolderSpecs : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly TempFolder _root = new();
    private readonly string _marker = Guid.NewGuid().ToString("N");

    public void Dispose() => _root.Dispose();

    [Fact(Timeout = 120_000)]
    public async Task Runs_lists_the_good_runs_with_one_warning_line_per_bad_folder_and_exits_0()
    {
        var good = SyntheticRun.Store(_root.Path);
        CopyWithRunJson(good, "plan-null", json => json.Replace("\"plan\": {", "\"plan\": null, \"was\": {", StringComparison.Ordinal));
        CopyWithRunJson(good, "half-written", json => json[..(json.Length / 2)]);

        foreach (var asJson in new[] { false, true })
        {
            string[] args = asJson ? ["runs", "--runs", _root.Path, "--json"] : ["runs", "--runs", _root.Path];
            var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous, args);
            Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
            Assert.Contains(good.Id, stdout);
            Assert.DoesNotContain("plan-null", stdout);
            Assert.DoesNotContain("   at ", stderr);
            var lines = stderr.Trim().Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.Single(lines, l => l.StartsWith("perfnb: warning: skipped half-written: run.json does not load", StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith("perfnb: warning: skipped plan-null: run.json does not load", StringComparison.Ordinal) && l.Contains("'plan'"));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Report_of_a_run_with_a_corrupt_histogram_log_renders_without_it_and_says_so_in_one_line()
    {
        var run = SyntheticRun.Store(_root.Path);
        var cell = run.Results[1].Cell.Id;
        var hlog = RunFiles.HistogramLog(run.Directory, cell);
        // The header survives (its cookie says "compressed histogram"), the deflate stream after it does not.
        var lines = File.ReadAllLines(hlog).Select(line =>
        {
            if (!line.StartsWith("Tag=", StringComparison.Ordinal)) return line;
            var comma = line.LastIndexOf(',');
            var bytes = Convert.FromBase64String(line[(comma + 1)..]);
            for (var i = 10; i < bytes.Length; i++) bytes[i] ^= 0x5a;
            return line[..(comma + 1)] + Convert.ToBase64String(bytes);
        });
        File.WriteAllLines(hlog, lines);

        var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous, "report", run.Id, "--runs", _root.Path);

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.DoesNotContain("   at ", stderr);
        var warning = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith($"perfnb: warning: hlog/{cell}.hlog does not load", warning);
        var report = stdout.Trim();
        Assert.Equal(Path.Combine(run.Directory, RunFiles.Report), report);
        Assert.Contains($"{cell}.hlog does not load", await File.ReadAllTextAsync(report));
    }

    private void CopyWithRunJson(RunSession run, string name, Func<string, string> edit)
    {
        var target = Path.Combine(_root.Path, name);
        foreach (var file in Directory.EnumerateFiles(run.Directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(run.Directory, file);
            if (Path.GetFileName(relative).StartsWith('.')) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }
        var json = Path.Combine(target, RunFiles.RunJson);
        File.WriteAllText(json, edit(File.ReadAllText(json)));
    }
}
