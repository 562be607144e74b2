using System.Reflection;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Formatting;
using PerfNotebooks.Experiments;
using PerfNotebooks.Interactive.Formatting;
using PerfNotebooks.Interactive.Magic;
using PerfNotebooks.Load;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive;

/// <summary>
/// Loaded by the kernel from the package's interactive-extensions/dotnet folder. Adds the magic commands and
/// the formatters; all measuring is PerfNotebooks.Core's. Servers the notebook starts are stopped when the
/// kernel shuts down.
/// </summary>
public sealed class PerfNotebooksKernelExtension : IKernelExtension
{
    /// <summary>The magic commands this extension adds, as the load line lists them.</summary>
    public static IReadOnlyList<string> Commands { get; } = ["#!pyserver", "#!load", "#!compare", "#!runs"];

    /// <summary>Namespaces the C# kernel imports on load.</summary>
    public static IReadOnlyList<string> Namespaces { get; } = ["PerfNotebooks.Servers", "PerfNotebooks.Load", "PerfNotebooks.Reporting", "PerfNotebooks.Experiments"];

    public async Task OnLoadAsync(Kernel kernel)
    {
        var root = kernel.RootKernel;
        var servers = new NotebookServers();
        root.RegisterForDisposal(() => servers.DisposeAsync().AsTask().GetAwaiter().GetResult());

        PyServerMagic.Register(root, servers);
        LoadMagic.Register(root, servers);
        CompareMagic.Register(root);
        RunsMagic.Register(root);
        RegisterFormatters();
        KernelSignals.Install();

        // The out-of-process load runner looks for the perfnb CLI here (Core/Load); the package carries one.
        if (Environment.GetEnvironmentVariable("PERFNB_CLI") is null && ToolsFolder.PerfnbDll is { } cli)
            Environment.SetEnvironmentVariable("PERFNB_CLI", cli);

        var version = typeof(PerfNotebooksKernelExtension).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0) version = version[..plus];
        // So `result.ToDataFrame()` and `StackCatalog.Get(...)` work in the next cell without usings.
        if (root.FindKernelByName("csharp") is { } csharp)
            await csharp.SendAsync(new SubmitCode(string.Concat(Namespaces.Select(n => $"using {n};"))));

        KernelInvocationContext.Current?.DisplayAs(
            $"PerfNotebooks {version}: added {string.Join(", ", Commands)} and formatters for servers, load results, comparisons.",
            "text/plain");
    }

    private static void RegisterFormatters()
    {
        Formatter.Register<RunningServer>((server, writer) => writer.Write(ServerCard.Render(server)), HtmlFormatter.MimeType);
        Formatter.Register<LoadResult>((result, writer) => writer.Write(LoadResultView.Render(result) + Charts.KernelCharts.Html(LoadResultView.Charts(result))), HtmlFormatter.MimeType);
        Formatter.Register<RunRecord>((run, writer) => writer.Write(RunView.RenderWithCharts(run)), HtmlFormatter.MimeType);
        // Numbers people read in every DataFrame shown (the frame keeps full precision for computing).
        Formatter.Register<Microsoft.Data.Analysis.DataFrame>((frame, writer) => writer.Write(DataFrameView.Render(frame)), HtmlFormatter.MimeType);
    }
}
