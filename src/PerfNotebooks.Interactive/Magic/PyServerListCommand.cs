using Microsoft.DotNet.Interactive.Commands;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!pyserver list [--stack-file FILE]</c>: the catalog, and the user's own stacks, as a table. Bound by the
/// kernel from the directive's parameters, by name.</summary>
public sealed class PyServerListCommand : KernelDirectiveCommand
{
    /// <summary>A stack file; null: perfnb.stacks.json in the notebook's folder, when there is one.</summary>
    public string? StackFile { get; set; }
}
