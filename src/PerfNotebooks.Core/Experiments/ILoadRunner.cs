using PerfNotebooks.Load;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Runs one load measurement for the experiment runner. The CLI passes <see cref="InProcessLoadRunner"/>
/// (its process starts with inline socket completions, so the engine is lean there); the notebook kernel
/// passes an out-of-process runner, because the kernel's process was not started that way.
/// </summary>
public interface ILoadRunner
{
    /// <summary>Drives <paramref name="spec"/>; cancellation ends early and still returns what was measured.</summary>
    Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken);
}
