namespace PerfNotebooks.Load;

/// <summary>Drives a <see cref="LoadSpec"/> at a server and measures it.</summary>
public static class LoadEngine
{
    /// <summary>Runs the load in this process. Cancellation ends the run early and still returns what was measured.</summary>
    public static Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
        => throw new NotImplementedException("load engine: issue 3");
}
