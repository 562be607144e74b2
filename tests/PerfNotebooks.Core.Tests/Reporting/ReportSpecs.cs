using System.Text.RegularExpressions;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Core.Tests.Reporting;

/// <summary>The report from a stored run (synthetic cells from real HdrHistogram recordings: a report test, not a measurement).</summary>
public sealed class ReportSpecs : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void The_report_embeds_plotly_once_and_references_nothing_outside_the_file()
    {
        var run = RunStore.Load(SyntheticRun.Store(_root.Path).Directory);
        var html = HtmlReport.Render(run);
        var marker = PlotlyJs.Code[..200];
        Assert.Equal(1, Count(html, marker));
        // plotly.js itself holds attribution links (map tiles) as strings; the page around it must hold none.
        var page = html.Replace(PlotlyJs.ScriptTag(), "", StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"(src|href)\s*=\s*[""']?\s*(https?:)?//", RegexOptions.IgnoreCase), page);
        Assert.DoesNotContain("cdn.plot.ly", page);
        Assert.True(Count(page, "Plotly.newPlot(") >= 5, "expected the charts");
    }

    [Fact]
    public void Text_that_came_from_a_server_is_html_encoded()
    {
        var run = RunStore.Load(SyntheticRun.Store(_root.Path).Directory);
        var html = HtmlReport.Render(run);
        Assert.DoesNotContain("<script>alert('x')</script>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
    }

    [Fact]
    public void The_report_has_the_environment_the_verdicts_and_every_cell()
    {
        var session = SyntheticRun.Store(_root.Path);
        var path = HtmlReport.Write(session.ToRecord());
        Assert.Equal(Path.Combine(session.Directory, RunFiles.Report), path);
        var html = File.ReadAllText(path);
        Assert.Contains("Synthetic CPU", html);
        Assert.Contains("0123456789abcdef", html);
        Assert.Contains("id=\"verdicts\"", html);
        Assert.Contains("throughput", html);
        foreach (var r in session.Results) Assert.Contains(r.Cell.Id, html);
        Assert.Contains("client-saturated", html);
        // Invariant numbers: thousands with commas, decimals with a point; never a decimal comma.
        Assert.DoesNotMatch(new Regex(@"class=""num"">\d+,\d{1,2}<"), html);
    }

    [Fact]
    public void Verdicts_name_the_leader_and_say_when_a_lead_clears_the_band()
    {
        var run = RunStore.Load(SyntheticRun.Store(_root.Path, SyntheticRun.Plan(stacks: 3, reps: 3)).Directory);
        var verdicts = VerdictTable.Build(RunAnalysis.Of(run));
        var throughput = verdicts.First(v => v.Dimension == "throughput" && v.Condition.StartsWith("/plaintext", StringComparison.Ordinal));
        // Synthetic throughput grows with the stack name's length mod 5: starlette-uvicorn (17 -> 3) leads flask-gunicorn (14 -> 5)? 14 % 5 = 4 -> 5x, 17 % 5 = 2 -> 3x.
        Assert.Equal("flask-gunicorn ×2", throughput.Leader);
        Assert.Equal(VerdictOutcome.Lead, throughput.Outcome);
        Assert.True(throughput.RatioLow > 1.05);
        Assert.Contains(verdicts, v => v.Dimension.StartsWith("scalability", StringComparison.Ordinal));
    }

    [Fact]
    public void Chart_fragments_carry_no_plotly_reference_and_escape_script_ends()
    {
        var html = ChartHtml.Lines("t", "x", "y", ["a</script><b>"], [[1, 2]], [[3, 4]], false, false);
        Assert.Contains("Plotly.newPlot(", html);
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("a</script>", html);
        Assert.Equal(1, Count(html, "</script>"));
    }

    [Fact]
    public void Data_frames_have_one_row_per_cell_second_and_sample()
    {
        var run = RunStore.Load(SyntheticRun.Store(_root.Path).Directory);
        Assert.Equal(16, ResultFrames.Results(run).Rows.Count);
        Assert.Equal(32, ResultFrames.Timeline(run).Rows.Count);
        Assert.Equal(48, ResultFrames.Resources(run).Rows.Count);
        Assert.Equal(8, ResultFrames.Conditions(RunAnalysis.Of(run)).Rows.Count);
    }

    [Fact]
    public void Claims_the_run_cannot_check_say_not_measured()
    {
        var run = RunStore.Load(SyntheticRun.Store(_root.Path).Directory);
        var claims = SeedClaims.Check(RunAnalysis.Of(run));
        Assert.Equal(6, claims.Count);
        Assert.Contains(claims, c => c.Claim.StartsWith("Django", StringComparison.Ordinal) && c.Outcome == ClaimOutcome.NotMeasured);
    }

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
