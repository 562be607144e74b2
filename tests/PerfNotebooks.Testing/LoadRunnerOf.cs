using PerfNotebooks.Load;

namespace PerfNotebooks.Testing;

/// <summary>A load runner made of a function: a test's way to watch each cell's load, or to make one fail.</summary>
public sealed class LoadRunnerOf(Func<LoadSpec, IProgress<LoadProgress>?, CancellationToken, Task<LoadResult>> run) : ILoadRunner
{
    /// <inheritdoc />
    public Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
        => run(spec, progress, cancellationToken);
}
