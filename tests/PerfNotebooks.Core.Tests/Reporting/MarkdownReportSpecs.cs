using System.Text.RegularExpressions;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Core.Tests.Reporting;

/// <summary>The Markdown write-up (report.md and its SVG charts) of the stored seed reference run.</summary>
public sealed class MarkdownReportSpecs : IDisposable
{
    private readonly TempFolder _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public void The_write_up_of_the_stored_seed_run_links_every_chart_to_an_svg_file_beside_it()
    {
        var run = RunStore.Load(Path.Combine(RepoRoot.Path, "data", "runs", "seed-reference"));
        var path = MarkdownReport.Write(run, Path.Combine(_out.Path, "post.md"));

        Assert.Equal(Path.Combine(_out.Path, "post.md"), path);
        var md = File.ReadAllText(path);
        var links = Regex.Matches(md, @"!\[[^\]]*\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(RunCharts.All(RunAnalysis.Of(run)).Count, links.Count);
        Assert.All(links, link =>
        {
            Assert.StartsWith("post-files/", link);                       // relative: the .md and its folder move together
            var file = Path.Combine(_out.Path, link);
            Assert.True(File.Exists(file), $"{link} is linked but not there");
            Assert.StartsWith("<svg", File.ReadAllText(file));
        });
        foreach (var section in new[] { "## Verdicts", "## The classic article's claims, checked", "## Charts", "## Conditions", "## Environment" })
            Assert.Contains(section, md);
        // Numbers people read: req/s whole with separators, nothing with more than 3 significant digits after the point.
        Assert.Contains("| starlette-uvicorn | 2 | /plaintext | 32 connections | 3 | 26,602 ± 19,733 |", md);
        Assert.DoesNotMatch(new Regex(@"\b[1-9]\d*\.\d{4,}|\b0\.0*[1-9]\d{3,}"), md);
    }

    [Fact]
    public void Writing_again_replaces_the_images_instead_of_leaving_old_ones()
    {
        var run = RunStore.Load(Path.Combine(RepoRoot.Path, "data", "runs", "seed-reference"));
        var folder = Path.Combine(_out.Path, "report-files");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a-chart-that-is-gone.svg"), "<svg/>");

        MarkdownReport.Write(run, Path.Combine(_out.Path, "report.md"));

        Assert.False(File.Exists(Path.Combine(folder, "a-chart-that-is-gone.svg")));
        Assert.True(File.Exists(Path.Combine(folder, "throughput.svg")));
    }

    [Fact]
    public void Text_in_a_table_cell_cannot_break_the_table_or_become_markup()
    {
        Assert.Equal(@"a\|b \*c\* \<script\> d", MarkdownReport.Escape("a|b *c* <script>\nd"));
    }

}
