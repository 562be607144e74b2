namespace PerfNotebooks.Servers;

/// <summary>Starts a stack and waits until GET /plaintext answers 200.</summary>
public static class ServerLauncher
{
    /// <summary>
    /// Starts <paramref name="spec"/>. Throws <see cref="PerfNotebooksException"/> when it cannot be
    /// started (not installed, port in use, exited, not ready in time), with the exit code and log tail.
    /// </summary>
    public static Task<RunningServer> StartAsync(StackSpec spec, CancellationToken cancellationToken = default)
        => throw new NotImplementedException("server lab: issue 2");
}
