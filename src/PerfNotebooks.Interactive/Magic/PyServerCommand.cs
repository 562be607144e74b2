using Microsoft.DotNet.Interactive.Commands;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!pyserver</c> without a known subcommand: says which ones exist.</summary>
public sealed class PyServerCommand : KernelDirectiveCommand
{
    public string? Subcommand { get; set; }
}
