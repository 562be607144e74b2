using Microsoft.DotNet.Interactive.Commands;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!pyserver stop NAME|--all</c>. Bound by the kernel from the directive's parameters, by name.</summary>
public sealed class PyServerStopCommand : KernelDirectiveCommand
{
    public string? Server { get; set; }
    public bool All { get; set; }
}
