namespace PerfNotebooks.Load;

/// <summary>
/// Runs one load measurement, beside the engine it runs: <see cref="InProcessLoadRunner"/> runs the engine's event
/// loops in this process (the CLI); <see cref="OutOfProcessLoadRunner"/> in a child <c>perfnb load</c> process, so a
/// host process's threads, collections and memory (a notebook kernel's) stay out of the generator's figures.
/// </summary>
public interface ILoadRunner
{
    /// <summary>Drives <paramref name="spec"/>; cancellation ends early and still returns what was measured.</summary>
    Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken);
}
