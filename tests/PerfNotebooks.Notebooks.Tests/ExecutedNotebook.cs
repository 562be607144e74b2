using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace PerfNotebooks.Notebooks.Tests;

/// <summary>
/// A notebook executed by `jupyter nbconvert --execute` with the .net-csharp kernel in quick mode
/// (PERFNB_QUICK=1), read back: its cells and their outputs.
/// </summary>
internal sealed class ExecutedNotebook
{
    private static readonly SemaphoreSlim PackOnce = new(1, 1);
    private static bool _packed;

    public required string Name { get; init; }
    public required IReadOnlyList<ExecutedCell> Cells { get; init; }
    public required TimeSpan Elapsed { get; init; }

    /// <summary>A tag set in the kernel's environment; every process it started (servers too) inherits it.</summary>
    public required string Tag { get; init; }

    /// <summary>The executed notebook exported to HTML (nbconvert --to html), when asked for; the caller deletes it.</summary>
    public string? HtmlPath { get; init; }

    public static async Task<ExecutedNotebook> RunAsync(string notebook, bool exportHtml = false, CancellationToken cancellationToken = default)
    {
        await EnsurePackedAsync(cancellationToken);
        var output = Path.Combine(Path.GetTempPath(), $"perfnb-nb-{Guid.NewGuid():N}.ipynb");
        var tag = Guid.NewGuid().ToString("N");
        var started = DateTime.UtcNow;
        try
        {
            var result = await Cli.Wrap("jupyter")
                .WithArguments(["nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=600",
                    "--ExecutePreprocessor.allow_errors=True", "--output", output, Path.Combine(RepoRoot.Notebooks, notebook)])
                .WithWorkingDirectory(RepoRoot.Notebooks)
                .WithEnvironmentVariables(env => env.Set("PERFNB_QUICK", "1").Set("PERFNB_TEST_TAG", tag))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken);
            Assert.True(result.ExitCode == 0, $"nbconvert failed ({result.ExitCode}): {Tail(result.StandardError)}");
            var elapsed = DateTime.UtcNow - started;
            string? html = null;
            if (exportHtml)
            {
                html = Path.ChangeExtension(output, ".html");
                var export = await Cli.Wrap("jupyter").WithArguments(["nbconvert", "--to", "html", "--output", html, output])
                    .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
                Assert.True(export.ExitCode == 0, $"nbconvert --to html failed: {Tail(export.StandardError)}");
            }
            return new ExecutedNotebook { Name = notebook, Cells = Read(output), Elapsed = elapsed, Tag = tag, HtmlPath = html };
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>Live processes that carry this run's tag (the kernel and anything it started).</summary>
    public IReadOnlyList<int> TaggedProcesses() => ProcessTable.WithEnvironment("PERFNB_TEST_TAG", Tag);

    /// <summary>The notebooks load the extension from .packages/; pack it once if the folder is empty.</summary>
    private static async Task EnsurePackedAsync(CancellationToken cancellationToken)
    {
        await PackOnce.WaitAsync(cancellationToken);
        try
        {
            if (_packed) return;
            var packages = Path.Combine(RepoRoot.Path, ".packages");
            if (!Directory.Exists(packages) || Directory.GetFiles(packages, "PerfNotebooks.Interactive.*.nupkg").Length == 0)
            {
                var pack = await Cli.Wrap(Path.Combine(RepoRoot.Path, "scripts", "pack-extension.sh"))
                    .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
                Assert.True(pack.ExitCode == 0, "pack-extension.sh failed: " + Tail(pack.StandardError + pack.StandardOutput));
            }
            _packed = true;
        }
        finally
        {
            PackOnce.Release();
        }
    }

    private static List<ExecutedCell> Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var cells = new List<ExecutedCell>();
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() != "code") continue;
            var outputs = new List<CellOutput>();
            if (cell.TryGetProperty("outputs", out var outs))
            {
                foreach (var o in outs.EnumerateArray())
                {
                    var type = o.GetProperty("output_type").GetString()!;
                    var data = new Dictionary<string, string>();
                    if (o.TryGetProperty("data", out var d))
                        foreach (var p in d.EnumerateObject()) data[p.Name] = Text(p.Value);
                    var error = type == "error" ? $"{o.GetProperty("ename").GetString()}: {o.GetProperty("evalue").GetString()}" : null;
                    outputs.Add(new CellOutput(type, data, error));
                }
            }
            cells.Add(new ExecutedCell(Text(cell.GetProperty("source")), outputs));
        }
        return cells;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Concat(value.EnumerateArray().Select(v => v.GetString())),
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}

/// <summary>One code cell after execution.</summary>
internal sealed record ExecutedCell(string Source, IReadOnlyList<CellOutput> Outputs)
{
    public string Html => string.Concat(Outputs.Select(o => o.Data.GetValueOrDefault("text/html", "")));
}

/// <summary>One output of a cell: its type, its data by MIME type, and for errors, "ename: evalue".</summary>
internal sealed record CellOutput(string Type, IReadOnlyDictionary<string, string> Data, string? Error);
