namespace PerfNotebooks.Load;

/// <summary>Drives a <see cref="LoadSpec"/> at a server and measures it.</summary>
public static class LoadEngine
{
    /// <summary>
    /// Runs the load in this process. Cancellation ends the run early and still returns what was measured.
    /// Network failures are counted in <see cref="LoadResult.Errors"/>, never thrown; a bad spec throws a
    /// <see cref="PerfNotebooksException"/> before anything is sent. The engine runs its own event-loop threads
    /// (io_uring or epoll, Linux only); <see cref="OutOfProcessLoadRunner"/> runs it in a child process instead,
    /// so a notebook kernel's memory and garbage collections stay out of the generator's figures.
    /// </summary>
    public static Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
        => LoadRun.RunAsync(spec, progress, cancellationToken);

    /// <summary>
    /// Checks what <see cref="RunAsync"/> checks before it opens anything, so a front end can fail before it prints
    /// a header: the spec, Linux, and that the connections fit under the open-file limit (the soft limit is raised
    /// to the hard one here). Throws a <see cref="PerfNotebooksException"/> naming the problem.
    /// </summary>
    public static void CheckBeforeRun(LoadSpec spec) => LoadRun.CheckBeforeRun(spec);

    /// <summary>
    /// For a ws:// spec, one opening handshake on an ordinary socket: a URL that does not upgrade throws a
    /// <see cref="PerfNotebooksException"/> naming the status it answered (<see cref="RunAsync"/> checks the same before
    /// it opens its connections). Does nothing for http://, or when nothing listens (the run counts connect errors).
    /// </summary>
    public static Task CheckWebSocketAsync(LoadSpec spec, CancellationToken cancellationToken = default) => LoadRun.CheckWebSocketAsync(spec, cancellationToken);
}
