namespace PerfNotebooks.Notebooks.Tests;

/// <summary>
/// Every notebook in notebooks/ runs top to bottom through Jupyter with the real .net-csharp kernel in quick
/// mode: no error output, charts carry plotly.js inline, DataFrames render as tables, nothing left running.
/// </summary>
public sealed class NotebookSpecs
{
    [Fact(Timeout = 600_000)]
    public async Task The_quickstart_notebook_runs_top_to_bottom_and_charts_offline()
    {
        var notebook = await ExecutedNotebook.RunAsync("01-quickstart.ipynb", exportHtml: true);
        try
        {
            await NotebookAssert.RanCleanAsync(notebook);
            var charts = NotebookAssert.ChartCount(notebook);
            Assert.True(charts >= 2, "the load result should show its latency and timeline charts");
            Assert.Contains(notebook.Cells, c => c.Html.Contains("req/s", StringComparison.Ordinal));

            // Opened in a browser with no network, every chart draws: plotly puts an SVG in each chart's div.
            var dom = await HeadlessChromium.DumpDomAsync(notebook.HtmlPath!);
            var drawn = dom.Split("class=\"main-svg\"").Length - 1;
            Assert.True(drawn >= charts, $"{drawn} plotly SVGs drawn for {charts} charts");
        }
        finally
        {
            File.Delete(notebook.HtmlPath!);
        }
    }

    [Fact(Timeout = 900_000)]
    public async Task The_seed_comparison_notebook_measures_and_checks_the_classic_claims()
    {
        var notebook = await ExecutedNotebook.RunAsync("02-seed-comparison.ipynb");

        await NotebookAssert.RanCleanAsync(notebook);
        NotebookAssert.HasCharts(notebook, 3);
        Assert.Contains(notebook.Cells, c => c.Html.Contains("The classic claims, checked", StringComparison.Ordinal));
        Assert.Contains(notebook.Cells, c => c.Html.Contains("Verdicts", StringComparison.Ordinal));
    }

    [Fact(Timeout = 600_000)]
    public async Task The_sync_vs_async_notebook_runs_top_to_bottom()
    {
        var notebook = await ExecutedNotebook.RunAsync("03-sync-vs-async.ipynb");

        await NotebookAssert.RanCleanAsync(notebook);
        NotebookAssert.HasCharts(notebook, 2);
        foreach (var stack in new[] { "flask-gunicorn-gthread", "flask-gunicorn-gevent", "starlette-uvicorn" })
            Assert.Contains(notebook.Cells, c => c.Html.Contains(stack, StringComparison.Ordinal));
    }

    [Fact(Timeout = 600_000)]
    public async Task The_workers_and_cores_notebook_runs_top_to_bottom()
    {
        var notebook = await ExecutedNotebook.RunAsync("04-workers-and-cores.ipynb");

        await NotebookAssert.RanCleanAsync(notebook);
        NotebookAssert.HasCharts(notebook, 2);
        Assert.Contains(notebook.Cells, c => c.Html.Contains("rps_per_core", StringComparison.Ordinal));
    }

    [Fact(Timeout = 600_000)]
    public async Task The_reading_latency_notebook_shows_corrected_and_uncorrected_latency()
    {
        var notebook = await ExecutedNotebook.RunAsync("05-reading-latency.ipynb");

        await NotebookAssert.RanCleanAsync(notebook);
        NotebookAssert.HasCharts(notebook, 6);
        Assert.Contains(notebook.Cells, c => c.Html.Contains("uncorrected_ms", StringComparison.Ordinal));
    }

    [Fact(Timeout = 600_000)]
    public async Task The_realtime_notebook_shows_every_websocket_block_and_checks_the_tornado_claim()
    {
        var notebook = await ExecutedNotebook.RunAsync("06-realtime.ipynb");

        await NotebookAssert.RanCleanAsync(notebook);
        Assert.True(NotebookAssert.ChartCount(notebook) >= 1, "the comparison should show its charts");
        foreach (var block in new[] { "realtime-echo", "realtime-rate", "realtime-broadcast" })
            Assert.Contains(notebook.Cells, c => c.Html.Contains(block, StringComparison.Ordinal));
        Assert.Contains(notebook.Cells, c => c.Html.Contains("Tornado delivers WebSocket messages", StringComparison.Ordinal));
    }

    [Fact(Timeout = 600_000)]
    public async Task The_traffic_spikes_notebook_shows_each_second_and_the_recovery_and_checks_the_flask_claim()
    {
        var notebook = await ExecutedNotebook.RunAsync("07-traffic-spikes.ipynb");

        await NotebookAssert.RanCleanAsync(notebook);
        Assert.True(NotebookAssert.ChartCount(notebook) >= 2, "offered/served and p99 per second");
        Assert.Contains(notebook.Cells, c => c.Html.Contains("worst_p99_ms", StringComparison.Ordinal));
        Assert.Contains(notebook.Cells, c => c.Html.Contains("Offered and served per second", StringComparison.Ordinal));
        Assert.Contains(notebook.Cells, c => c.Html.Contains("Flask under Gunicorn&#39;s defaults", StringComparison.Ordinal) || c.Html.Contains("Flask under Gunicorn's defaults", StringComparison.Ordinal));
    }

    [Fact(Timeout = 900_000)]
    public async Task The_your_own_app_notebook_crosses_the_sample_app_with_servers_and_stack_files()
    {
        var notebook = await ExecutedNotebook.RunAsync("08-your-own-app.ipynb");

        await NotebookAssert.RanCleanAsync(notebook);
        NotebookAssert.HasCharts(notebook, 4);
        foreach (var stack in new[] { "shop-gunicorn-gthread", "shop-waitress", "shop_asgi-daphne", "shop-gunicorn-preload", "shop-gunicorn-w4" })
            Assert.Contains(notebook.Cells, c => c.Html.Contains(stack, StringComparison.Ordinal));
        static bool Shows(ExecutedCell cell, string text) => cell.Outputs.Any(o => o.Data.Values.Any(v => v.Contains(text, StringComparison.Ordinal)));
        Assert.Contains(notebook.Cells, c => Shows(c, "SQLite 3."));
        Assert.Contains(notebook.Cells, c => Shows(c, "connection(s) per worker"));
    }

    [Fact]
    public void Every_notebook_in_the_folder_has_a_test()
    {
        var tested = new[] { "01-quickstart.ipynb", "02-seed-comparison.ipynb", "03-sync-vs-async.ipynb", "04-workers-and-cores.ipynb", "05-reading-latency.ipynb", "06-realtime.ipynb", "07-traffic-spikes.ipynb", "08-your-own-app.ipynb" };
        var present = Directory.GetFiles(RepoRoot.Notebooks, "*.ipynb").Select(Path.GetFileName).Where(n => !n!.Contains(".executed.", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(tested.Order().ToArray(), present);
    }
}
