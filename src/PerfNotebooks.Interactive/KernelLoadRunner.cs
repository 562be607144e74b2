using PerfNotebooks.Experiments;
using PerfNotebooks.Load;

namespace PerfNotebooks.Interactive;

/// <summary>
/// The experiment runner's load runner inside the kernel: every cell's load runs in a child
/// <c>perfnb load</c> process, so the kernel's own threads and memory stay out of the generator's figures.
/// </summary>
internal sealed class KernelLoadRunner : ILoadRunner
{
    private readonly OutOfProcessLoadRunner _runner = new() { CliPath = ToolsFolder.PerfnbDll };

    public Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
        => _runner.RunAsync(spec, progress, cancellationToken);
}
