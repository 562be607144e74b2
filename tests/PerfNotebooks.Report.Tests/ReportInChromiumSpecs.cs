using System.Text.RegularExpressions;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Report.Tests;

/// <summary>
/// report.html opened in a real headless Chromium. The run is stored from synthetic cells built with
/// real HdrHistogram recordings (a report test, not a measurement); the measured end-to-end run is
/// rendered by the CLI tests.
/// </summary>
public sealed class ReportInChromiumSpecs : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact(Timeout = 120_000)]
    public async Task Every_chart_of_the_report_draws_with_no_console_error_and_no_network_request()
    {
        var plan = SyntheticRun.Plan(stacks: 3, levels: [1, 8, 64], reps: 2);
        var session = SyntheticRun.Store(_root.Path, plan);
        var run = RunStore.Load(session.Directory);
        var path = HtmlReport.Write(run);
        var html = await File.ReadAllTextAsync(path);
        var charts = RunCharts.All(RunAnalysis.Of(run)).Count;
        Assert.Equal(charts, Regex.Count(html, @"<figure id=""chart-"));
        Assert.True(charts >= 7, $"expected the report's charts, found {charts}");

        var page = await HeadlessChromium.LoadAsync(path, TimeSpan.FromSeconds(90));
        try
        {
            // Every chart draws: plotly puts one "main-svg" root per chart into its div.
            var drawn = Regex.Count(page.Dom, @"<div[^>]*class=""[^""]*js-plotly-plot");
            Assert.Equal(charts, drawn);
            Assert.True(Regex.Count(page.Dom, @"<svg[^>]*class=""main-svg""") >= charts);
            Assert.Contains("class=\"barlayer", page.Dom);
            Assert.Contains("class=\"scatterlayer", page.Dom);

            Assert.DoesNotContain(page.ConsoleLines, l => l.Contains("Uncaught", StringComparison.Ordinal) || l.Contains("Error", StringComparison.Ordinal));

            Assert.Empty(page.RequestedUrls);
        }
        finally
        {
            Assert.Empty(HeadlessChromium.ProcessesUsing(page.ProfileDirectory));
            try { Directory.Delete(page.ProfileDirectory, recursive: true); } catch (IOException) { }
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_page_that_fetches_something_is_caught_by_the_network_check()
    {
        // The check above must be able to fail: a page that loads a remote script shows up in the net log.
        var path = Path.Combine(_root.Path, "leaky.html");
        await File.WriteAllTextAsync(path, "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/x.png\"><script>console.error('boom')</script></body></html>");
        var page = await HeadlessChromium.LoadAsync(path, TimeSpan.FromSeconds(90));
        try
        {
            Assert.Contains(page.RequestedUrls, u => u.StartsWith("http://127.0.0.1:9/", StringComparison.Ordinal));
            Assert.Contains(page.ConsoleLines, l => l.Contains("boom", StringComparison.Ordinal));
        }
        finally
        {
            Assert.Empty(HeadlessChromium.ProcessesUsing(page.ProfileDirectory));
            try { Directory.Delete(page.ProfileDirectory, recursive: true); } catch (IOException) { }
        }
    }
}
