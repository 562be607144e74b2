namespace PerfNotebooks.Load;

/// <summary>Runs the load engine in this process (<see cref="LoadEngine.RunAsync"/>).</summary>
public sealed class InProcessLoadRunner : ILoadRunner
{
    /// <summary>The one instance: it holds no state.</summary>
    public static InProcessLoadRunner Instance { get; } = new();

    /// <inheritdoc />
    public Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
        => LoadEngine.RunAsync(spec, progress, cancellationToken);
}
