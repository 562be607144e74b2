namespace PerfNotebooks.Load;

/// <summary>Drives a <see cref="LoadSpec"/> at a server and measures it.</summary>
public static class LoadEngine
{
    /// <summary>
    /// Runs the load in this process. Cancellation ends the run early and still returns what was measured.
    /// Network failures are counted in <see cref="LoadResult.Errors"/>, never thrown; a bad spec throws a
    /// <see cref="PerfNotebooksException"/> before anything is sent. For the leanest generator run it in a
    /// process started with DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 (the CLI, or
    /// <see cref="OutOfProcessLoadRunner"/> from a notebook).
    /// </summary>
    public static Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
        => LoadRun.RunAsync(spec, progress, cancellationToken);
}
