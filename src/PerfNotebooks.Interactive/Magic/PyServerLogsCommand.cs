using Microsoft.DotNet.Interactive.Commands;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!pyserver logs NAME [--lines N]</c>. Bound by the kernel from the directive's parameters, by name.</summary>
public sealed class PyServerLogsCommand : KernelDirectiveCommand
{
    public string? Server { get; set; }
    public string? Lines { get; set; }
}
