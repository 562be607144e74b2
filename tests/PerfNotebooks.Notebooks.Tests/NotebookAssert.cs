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

        // plotly.js comes inline once per notebook (the charts draw offline), before the first chart; every chart
        // output also carries its static image, as an image/svg+xml output and inside its HTML.
        var outputs = notebook.Cells.SelectMany(c => c.Outputs.Select(o => (Cell: c, Output: o))).ToList();
        var firstChart = outputs.FindIndex(x => x.Output.Data.GetValueOrDefault("text/html", "").Contains("Plotly.newPlot", StringComparison.Ordinal));
        var inline = outputs.FindIndex(x => x.Output.Data.GetValueOrDefault("text/html", "").Contains(InlinePlotlyMarker, StringComparison.Ordinal));
        if (firstChart >= 0)
        {
            Assert.True(inline >= 0 && inline <= firstChart, $"{notebook.Name}: plotly.js is not inline before the first chart");
            Assert.Equal(1, outputs.Sum(x => CountOf(x.Output.Data.GetValueOrDefault("text/html", ""), InlinePlotlyMarker)));
        }
        foreach (var (cell, output) in outputs)
        {
            var html = output.Data.GetValueOrDefault("text/html", "");
            if (!html.Contains("Plotly.newPlot", StringComparison.Ordinal)) continue;
            Assert.DoesNotContain("src=\"https://cdn.plot.ly", html); // no CDN script: nothing to fetch
            Assert.True(output.Data.ContainsKey("image/svg+xml"), $"{notebook.Name} [{First(cell.Source)}]: a chart without its static image");
            Assert.Contains("data:image/svg+xml;base64,", html);
        }

        // Every DataFrame a cell returns renders as a table.
        foreach (var cell in notebook.Cells.Where(c => c.Source.TrimEnd().EndsWith("DataFrame()", StringComparison.Ordinal) || c.Source.Contains("// DataFrame", StringComparison.Ordinal)))
            Assert.True(cell.Html.Contains("<table", StringComparison.Ordinal), $"{notebook.Name} [{First(cell.Source)}]: the DataFrame did not render as a table");

        // No process the notebook started outlives it (servers inherit the run's tag).
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (notebook.TaggedProcesses().Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Empty(notebook.TaggedProcesses());
    }

    /// <summary>Charts in the outputs: each is a figure (its static image, then the interactive chart).</summary>
    /// <summary>At least <paramref name="least"/> charts; when fewer, the message shows what the cells displayed instead.</summary>
    public static void HasCharts(ExecutedNotebook notebook, int least)
    {
        var count = ChartCount(notebook);
        if (count >= least) return;
        var shown = notebook.Cells.Select(c => $"[{c.Source.Split('\n')[0]}] {System.Text.RegularExpressions.Regex.Replace(c.Html, "<[^>]+>|\\s+", " ")}");
        Assert.Fail($"{notebook.Name}: {count} charts, at least {least} expected; the cells showed: {Shorten(string.Join(" | ", shown), 4000)}");
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "...";

    public static int ChartCount(ExecutedNotebook notebook) =>
        notebook.Cells.SelectMany(c => c.Outputs).Sum(o => CountOf(o.Data.GetValueOrDefault("text/html", ""), "class=\"perfnb-figure\""));

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    private static string First(string source) => source.Split('\n')[0];
}
