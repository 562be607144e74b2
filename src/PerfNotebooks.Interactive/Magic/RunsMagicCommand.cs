using Microsoft.DotNet.Interactive.Commands;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!runs [--load RUN --name VAR] [--out DIR]</c>: lists stored runs, or loads one into a variable without re-measuring.
/// Bound by the kernel from the directive's parameters, by name.</summary>
public sealed class RunsMagicCommand : KernelDirectiveCommand
{
    public string? Load { get; set; }
    public string? Name { get; set; }

    /// <summary>Also write the run's Markdown write-up here (report.md style, its charts as SVG files in a -files folder beside it).</summary>
    public string? SaveMd { get; set; }
    public string? Out { get; set; }
}
