using PerfNotebooks.Load;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Runs each cell's load in a child <c>perfnb load</c> process (<see cref="OutOfProcessLoadRunner"/>): what a
/// notebook kernel passes to the experiment runner, so the generator shares nothing with the kernel (its
/// threads, its garbage collections, its memory in the generator's peak RSS).
/// </summary>
public sealed class ChildProcessLoadRunner(OutOfProcessLoadRunner? runner = null) : ILoadRunner
{
    private readonly OutOfProcessLoadRunner _runner = runner ?? new OutOfProcessLoadRunner();

    public Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
        => _runner.RunAsync(spec, progress, cancellationToken);
}
