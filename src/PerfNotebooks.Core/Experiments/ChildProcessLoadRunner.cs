using PerfNotebooks.Load;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Runs each cell's load in a child <c>perfnb load</c> process (<see cref="OutOfProcessLoadRunner"/>),
/// started with inline socket completions: what a notebook kernel passes to the experiment runner, since
/// its own process was not started that way and an in-process generator would be slower there.
/// </summary>
public sealed class ChildProcessLoadRunner(OutOfProcessLoadRunner? runner = null) : ILoadRunner
{
    private readonly OutOfProcessLoadRunner _runner = runner ?? new OutOfProcessLoadRunner();

    public Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
        => _runner.RunAsync(spec, progress, cancellationToken);
}
