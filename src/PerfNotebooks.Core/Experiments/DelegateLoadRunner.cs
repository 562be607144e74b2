using PerfNotebooks.Load;

namespace PerfNotebooks.Experiments;

/// <summary>Adapts any function (for example an out-of-process runner's method) to <see cref="ILoadRunner"/>.</summary>
public sealed class DelegateLoadRunner(Func<LoadSpec, IProgress<LoadProgress>?, CancellationToken, Task<LoadResult>> run) : ILoadRunner
{
    public Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
        => run(spec, progress, cancellationToken);
}
