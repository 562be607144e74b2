using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace PerfNotebooks.Interactive.Tests;

/// <summary>A C# notebook kernel in this process with the extension loaded, as the real kernel does it.</summary>
internal sealed class NotebookKernel : IDisposable
{
    public CompositeKernel Kernel { get; }

    private NotebookKernel(CompositeKernel kernel) => Kernel = kernel;

    public static async Task<NotebookKernel> StartAsync()
    {
        var kernel = new CompositeKernel { new CSharpKernel() };
        kernel.DefaultKernelName = "csharp";
        // The real kernel references Core (the package's lib/) before it loads the extension; here, by path.
        var core = typeof(PerfNotebooks.Servers.StackCatalog).Assembly.Location;
        var referenced = await Cell.RunAsync(kernel, $"#r \"{core}\"");
        Assert.Null(referenced.Error);
        await new PerfNotebooksKernelExtension().OnLoadAsync(kernel);
        return new NotebookKernel(kernel);
    }

    public Task<Cell> RunAsync(string code) => Cell.RunAsync(Kernel, code);

    /// <summary>Interrupts whatever cell runs now, as Jupyter's interrupt does.</summary>
    public Task InterruptAsync() => Kernel.SendAsync(new Cancel());

    public void Dispose() => Kernel.Dispose();
}

/// <summary>What one cell produced: its HTML and text outputs, and its error line if it failed.</summary>
internal sealed record Cell(IReadOnlyList<KernelEvent> Events)
{
    public static async Task<Cell> RunAsync(Kernel kernel, string code) => new((await kernel.SubmitCodeAsync(code)).Events);

    public string? Error => Events.OfType<CommandFailed>().FirstOrDefault()?.Message;

    public string Html => Join("text/html");

    public string Text => Join("text/plain");

    /// <summary>Every image/svg+xml output: the charts' static images.</summary>
    public string Svg => Join("image/svg+xml");

    /// <summary>Displays that carry a chart: text/html and image/svg+xml in one display.</summary>
    public int ChartDisplays => Events.OfType<DisplayEvent>().Count(e =>
        e.FormattedValues.Any(v => v.MimeType == "image/svg+xml") && e.FormattedValues.Any(v => v.MimeType == "text/html"));

    /// <summary>The value a C# expression cell returned, as plain text.</summary>
    public string? Value => Events.OfType<ReturnValueProduced>().FirstOrDefault()?.Value?.ToString();

    private string Join(string mime) => string.Join("\n", Events.OfType<DisplayEvent>()
        .SelectMany(e => e.FormattedValues).Where(v => v.MimeType == mime).Select(v => v.Value));
}
