using System.Text.Json;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace PerfNotebooks.Notebooks.Tests;

/// <summary>
/// The notebooks as committed (rendered by scripts/render-notebooks.sh from the stored reference runs): a reader
/// on GitHub, nbviewer or an exported HTML file sees every table and every chart without running anything.
/// </summary>
public sealed class CommittedNotebookSpecs
{
    private const long SizeLimit = 2 * 1024 * 1024;

    private static string[] Names() =>
    [
        .. Directory.GetFiles(RepoRoot.Notebooks, "*.ipynb").Select(p => Path.GetFileName(p))
            .Where(n => char.IsAsciiDigit(n[0]) && !n.Contains(".executed.", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
    ];

    public static TheoryData<string> Notebooks() => [.. Names()];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void A_committed_notebook_holds_its_outputs_with_each_chart_as_an_image_and_stays_small(string notebook)
    {
        var path = Path.Combine(RepoRoot.Notebooks, notebook);
        Assert.True(new FileInfo(path).Length < SizeLimit, $"{notebook} is {new FileInfo(path).Length} bytes");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var code = doc.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code").ToList();
        Assert.NotEmpty(code);
        var outputs = code.SelectMany(c => c.GetProperty("outputs").EnumerateArray()).ToList();
        foreach (var cell in code)
            Assert.True(cell.GetProperty("outputs").GetArrayLength() > 0, $"{notebook}: a code cell without output: {Text(cell.GetProperty("source"))}");
        Assert.DoesNotContain(outputs, o => o.GetProperty("output_type").GetString() == "error");

        var charts = outputs.Where(o => o.TryGetProperty("data", out var d) && d.TryGetProperty("image/svg+xml", out _)).ToList();
        Assert.NotEmpty(charts);
        foreach (var chart in charts)
        {
            var data = chart.GetProperty("data");
            Assert.True(data.TryGetProperty("text/html", out var html), $"{notebook}: an image without its interactive chart");
            Assert.Contains("data:image/svg+xml;base64,", Text(html));   // the HTML shows the image too, where it wins
            Assert.StartsWith("<svg", Text(data.GetProperty("image/svg+xml")).TrimStart());
        }
        // plotly.js at most once per notebook, and never inlined (3.6 MB) into a committed one.
        var all = string.Concat(outputs.Select(o => o.TryGetProperty("data", out var d) && d.TryGetProperty("text/html", out var h) ? Text(h) : ""));
        Assert.Single(Regex.Matches(all, "class=\"perfnb-plotly-cdn\""));
        Assert.DoesNotContain("perfnb-plotly-inline", all);
        // Stored, not measured: every cell that would measure says where its numbers come from.
        Assert.DoesNotContain("PERFNB_QUICK=1): ran", all);
    }

    [Fact(Timeout = 300_000)]
    public async Task Every_committed_notebook_exported_to_html_shows_every_chart_as_an_image_with_no_network()
    {
        Assert.Equal(8, Names().Length);
        var folder = Directory.CreateTempSubdirectory("perfnb-committed-");
        try
        {
            foreach (var notebook in Names())
            {
                var charts = CountCharts(Path.Combine(RepoRoot.Notebooks, notebook));
                var export = await Cli.Wrap("jupyter")
                    .WithArguments(["nbconvert", "--to", "html", "--output-dir", folder.FullName, Path.Combine(RepoRoot.Notebooks, notebook)])
                    .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
                Assert.True(export.ExitCode == 0, $"nbconvert --to html {notebook}: {export.StandardError}");
                var html = Path.Combine(folder.FullName, Path.ChangeExtension(notebook, ".html"));

                // The page's own scripts run, but plotly's CDN is unreachable: what stays must be the images. A probe
                // records, for each static image, whether the browser decoded it and whether it is shown.
                var page = await File.ReadAllTextAsync(html);
                const string probe = "<script>window.addEventListener('load', function () { document.querySelectorAll('img.perfnb-static').forEach(function (i) { i.setAttribute('data-probe', i.naturalWidth + 'x' + i.naturalHeight + (i.offsetWidth > 0 ? ' shown' : ' hidden')); }); });</script>";
                await File.WriteAllTextAsync(html, page.Replace("</body>", probe + "</body>", StringComparison.Ordinal));

                var dom = await HeadlessChromium.DumpDomAsync(html);
                var images = Regex.Matches(dom, "data-probe=\"(\\d+)x(\\d+) (shown|hidden)\"").Select(m => (W: int.Parse(m.Groups[1].Value), H: int.Parse(m.Groups[2].Value), Shown: m.Groups[3].Value == "shown")).ToList();
                Assert.True(images.Count == charts, $"{notebook}: {images.Count} static images in the page for {charts} charts");
                Assert.All(images, i => Assert.True(i.W >= 400 && i.H >= 200 && i.Shown, $"{notebook}: an image {i.W}x{i.H}, {(i.Shown ? "shown" : "hidden")}"));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static int CountCharts(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.TryGetProperty("outputs", out _))
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray())
            .Count(o => o.TryGetProperty("data", out var d) && d.TryGetProperty("image/svg+xml", out _));
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? string.Concat(value.EnumerateArray().Select(v => v.GetString()))
        : value.GetString() ?? "";
}
