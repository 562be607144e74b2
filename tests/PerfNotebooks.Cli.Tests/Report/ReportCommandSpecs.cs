namespace PerfNotebooks.Cli.Tests.Report;

/// <summary>`perfnb report` on runs that are not there or not whole (a report of a real run is in CompareSpecs).</summary>
public sealed class ReportCommandSpecs : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perfnb-cli-" + Guid.NewGuid().ToString("N")[..10]);

    public ReportCommandSpecs() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_corrupt_run_is_one_line_and_its_files_stay()
    {
        var run = Path.Combine(_root, "broken");
        Directory.CreateDirectory(run);
        await File.WriteAllTextAsync(Path.Combine(run, "run.json"), "{ \"id\": ");
        var (code, _, stderr) = await Perfnb.RunAsync(Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(50), "report", "broken", "--runs", _root);
        Assert.Equal(2, code);
        Assert.Contains("run 'broken' is corrupt", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.True(File.Exists(Path.Combine(run, "run.json")));
        Assert.False(File.Exists(Path.Combine(run, "report.html")));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_folder_without_run_json_is_called_corrupt_not_missing()
    {
        Directory.CreateDirectory(Path.Combine(_root, "empty"));
        var (code, _, stderr) = await Perfnb.RunAsync(Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(50), "report", "empty", "--runs", _root);
        Assert.Equal(2, code);
        Assert.Contains("has no run.json", stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stored_run_is_written_up_in_markdown_with_its_charts_beside_it()
    {
        var md = Path.Combine(_root, "post.md");
        var (code, stdout, stderr) = await Perfnb.RunAsync(Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(50),
            "report", "seed-reference", "--runs", Path.Combine(RepoRoot.Path, "data", "runs"), "--format", "md", "--out", md);
        Assert.True(code == 0, stderr);
        Assert.Equal(md, stdout.Trim());
        Assert.Contains("![Throughput per stack](post-files/throughput.svg)", await File.ReadAllTextAsync(md));
        Assert.StartsWith("<svg", await File.ReadAllTextAsync(Path.Combine(_root, "post-files", "throughput.svg")));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_report_format_is_one_line_naming_the_accepted_ones()
    {
        var (code, _, stderr) = await Perfnb.RunAsync(Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(50),
            "report", "seed-reference", "--runs", Path.Combine(RepoRoot.Path, "data", "runs"), "--format", "pdf", "--out", Path.Combine(_root, "x"));
        Assert.Equal(2, code);
        Assert.Contains("--format 'pdf' is not accepted; use html or md", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

}
