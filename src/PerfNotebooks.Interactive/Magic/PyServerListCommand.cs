using Microsoft.DotNet.Interactive.Commands;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!pyserver list</c>: the catalog as a table. Bound by the kernel from the directive's parameters, by name.</summary>
public sealed class PyServerListCommand : KernelDirectiveCommand
{

}
