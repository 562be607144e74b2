using PerfNotebooks.Load;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Runs one load measurement for the experiment runner. The CLI passes <see cref="InProcessLoadRunner"/>
/// (the engine runs its own event-loop threads in the CLI's process); the notebook kernel passes an
/// out-of-process runner, so the kernel's threads, collections and memory stay out of the generator's figures.
/// </summary>
public interface ILoadRunner
{
    /// <summary>Drives <paramref name="spec"/>; cancellation ends early and still returns what was measured.</summary>
    Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken);
}
