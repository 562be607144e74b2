using PerfNotebooks.Load;

namespace PerfNotebooks.Experiments;

/// <summary>Runs the load engine in this process (<see cref="LoadEngine.RunAsync"/>).</summary>
public sealed class InProcessLoadRunner : ILoadRunner
{
    public static InProcessLoadRunner Instance { get; } = new();

    public Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
        => LoadEngine.RunAsync(spec, progress, cancellationToken);
}
