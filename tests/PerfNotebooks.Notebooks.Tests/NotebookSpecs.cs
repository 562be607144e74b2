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
        var notebook = await ExecutedNotebook.RunAsync("01-quickstart.ipynb");

        await NotebookAssert.RanCleanAsync(notebook);
        Assert.True(NotebookAssert.ChartCount(notebook) >= 2, "the load result should show its latency and timeline charts");
        Assert.Contains(notebook.Cells, c => c.Html.Contains("req/s", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_notebook_in_the_folder_has_a_test()
    {
        var tested = new[] { "01-quickstart.ipynb" };
        var present = Directory.GetFiles(Repo.Notebooks, "*.ipynb").Select(Path.GetFileName).Where(n => !n!.Contains(".executed.", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(tested.Order().ToArray(), present);
    }
}
