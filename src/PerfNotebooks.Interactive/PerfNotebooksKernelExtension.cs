using Microsoft.DotNet.Interactive;

namespace PerfNotebooks.Interactive;

/// <summary>Loaded by the kernel from the package's interactive-extensions/dotnet folder.</summary>
public sealed class PerfNotebooksKernelExtension : IKernelExtension
{
    public Task OnLoadAsync(Kernel kernel) => Task.CompletedTask;
}
