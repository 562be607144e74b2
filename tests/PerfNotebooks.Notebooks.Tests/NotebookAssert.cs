namespace PerfNotebooks.Notebooks.Tests;

/// <summary>What every executed notebook must show.</summary>
internal static class NotebookAssert
{
    /// <summary>The class of the script element that carries plotly.js inline (the extension's KernelCharts).</summary>
    public const string InlinePlotlyMarker = "perfnb-plotly-inline";

    public static async Task RanCleanAsync(ExecutedNotebook notebook)
    {
        // No error output anywhere.
        var errors = notebook.Cells.SelectMany(c => c.Outputs.Where(o => o.Type == "error").Select(o => $"[{First(c.Source)}] {o.Error}")).ToArray();
        Assert.True(errors.Length == 0, $"{notebook.Name}: error outputs:\n{string.Join("\n", errors)}");

        // Every stack a notebook asked for started (the package carries the Python apps intact).
        Assert.DoesNotContain(notebook.Cells, c => c.Html.Contains("start-failed", StringComparison.Ordinal));

        // The extension loaded and said so.
        Assert.Contains(notebook.Cells, c => c.Outputs.Any(o => o.Data.GetValueOrDefault("text/plain", "").StartsWith("PerfNotebooks ", StringComparison.Ordinal)));

        // Every chart output carries plotly.js inline (draws offline), before the first Plotly.newPlot.
        foreach (var cell in notebook.Cells)
        {
            foreach (var output in cell.Outputs)
            {
                var html = output.Data.GetValueOrDefault("text/html", "");
                var plot = html.IndexOf("Plotly.newPlot", StringComparison.Ordinal);
                if (plot < 0) continue;
                var inline = html.IndexOf(InlinePlotlyMarker, StringComparison.Ordinal);
                Assert.True(inline >= 0 && inline < plot, $"{notebook.Name} [{First(cell.Source)}]: a chart without plotly.js inline");
                Assert.Contains("plotly.js v2.28.0", html);
                Assert.DoesNotContain("src=\"https://cdn.plot.ly", html); // no CDN script: nothing to fetch
            }
        }

        // Every DataFrame a cell returns renders as a table.
        foreach (var cell in notebook.Cells.Where(c => c.Source.TrimEnd().EndsWith("DataFrame()", StringComparison.Ordinal) || c.Source.Contains("// DataFrame", StringComparison.Ordinal)))
            Assert.True(cell.Html.Contains("<table", StringComparison.Ordinal), $"{notebook.Name} [{First(cell.Source)}]: the DataFrame did not render as a table");

        // No process the notebook started outlives it (servers inherit the run's tag).
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (notebook.TaggedProcesses().Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Empty(notebook.TaggedProcesses());
    }

    /// <summary>Charts in the outputs: Plotly.NET marks each chart's div (plotly.js itself also says "Plotly.newPlot").</summary>
    public static int ChartCount(ExecutedNotebook notebook) =>
        notebook.Cells.SelectMany(c => c.Outputs).Sum(o => CountOf(o.Data.GetValueOrDefault("text/html", ""), "Plotly chart will be drawn inside this DIV"));

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    private static string First(string source) => source.Split('\n')[0];
}
