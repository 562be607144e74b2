using System.Text.Json;
using System.Text.Json.Nodes;
using CliWrap;
using CliWrap.Buffered;

namespace PerfNotebooks.Notebooks.Tests;

/// <summary>
/// The registered .net-csharp kernel starts in any folder (README "Use it from your own folder"): a notebook
/// copied out of the clone, next to a nuget.config naming the clone's .packages/, loads the extension and runs.
/// </summary>
public sealed class OwnFolderSpecs
{
    [Fact(Timeout = 300_000)]
    public async Task A_notebook_copied_outside_the_clone_runs_its_first_cells_with_the_registered_kernel()
    {
        var folder = Directory.CreateTempSubdirectory("perfnb-own-");
        var tag = Guid.NewGuid().ToString("N");
        try
        {
            Assert.False(folder.FullName.StartsWith(RepoRoot.Path, StringComparison.Ordinal));
            // The quickstart's first code cell (#r "nuget:PerfNotebooks.Interactive, *-*"), then a cell that uses the extension.
            var notebook = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoRoot.Notebooks, "01-quickstart.ipynb")))!.AsObject();
            var cells = notebook["cells"]!.AsArray();
            var first = cells.First(c => (string?)c!["cell_type"] == "code")!.DeepClone();
            first["outputs"] = new JsonArray();
            var probe = first.DeepClone();
            probe["source"] = new JsonArray("#!pyserver list");
            notebook["cells"] = new JsonArray(first, probe);
            var path = Path.Combine(folder.FullName, "mine.ipynb");
            await File.WriteAllTextAsync(path, notebook.ToJsonString());
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "nuget.config"),
                $"<?xml version=\"1.0\" encoding=\"utf-8\"?><configuration><packageSources><add key=\"perfnotebooks\" value=\"{Path.Combine(RepoRoot.Path, ".packages")}\" /></packageSources></configuration>");

            var output = Path.Combine(folder.FullName, "out.ipynb");
            var run = await Cli.Wrap("jupyter")
                .WithArguments(["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=.net-csharp",
                    "--ExecutePreprocessor.timeout=240", "--output", output, path])
                .WithWorkingDirectory(folder.FullName)
                .WithEnvironmentVariables(env => env.Set("PERFNB_TEST_TAG", tag))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync();
            Assert.True(run.ExitCode == 0, $"nbconvert failed ({run.ExitCode}): {Tail(run.StandardError)}");

            using var executed = JsonDocument.Parse(await File.ReadAllBytesAsync(output));
            var outputs = executed.RootElement.GetProperty("cells").EnumerateArray().SelectMany(c => c.GetProperty("outputs").EnumerateArray()).Select(o => o.GetRawText()).ToList();
            Assert.DoesNotContain(outputs, o => o.Contains("\"output_type\":\"error\"", StringComparison.Ordinal) || o.Contains("\"output_type\": \"error\"", StringComparison.Ordinal));
            Assert.Contains(outputs, o => o.Contains("PerfNotebooks 0.1.0", StringComparison.Ordinal));
            Assert.Contains(outputs, o => o.Contains("stacks,", StringComparison.Ordinal) && o.Contains("flask-gunicorn", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        // The kernel is gone with the notebook.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Tagged(tag).Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Empty(Tagged(tag));
    }

    private static List<int> Tagged(string tag) => ProcessTable.WithEnvironment("PERFNB_TEST_TAG", tag);

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}
