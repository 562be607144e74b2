namespace PerfNotebooks.Servers;

/// <summary>
/// A started Python server. Owns its whole process group: disposing it (or cancelling its owner, or the
/// owning process exiting) stops every process of the tree.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private RunningServer() => throw new NotImplementedException("server lab: issue 2");

    public StackSpec Spec => throw new NotImplementedException();

    /// <summary>Base URL, e.g. http://127.0.0.1:41234/</summary>
    public Uri BaseUrl => throw new NotImplementedException();

    /// <summary>PID of the process the launcher started (the process-group leader).</summary>
    public int Pid => throw new NotImplementedException();

    /// <summary>PIDs of every live process in the server's tree, read now.</summary>
    public IReadOnlyList<int> ProcessIds() => throw new NotImplementedException();

    public ServerVersions Versions => throw new NotImplementedException();

    /// <summary>The last lines the server wrote (stdout and stderr interleaved).</summary>
    public string OutputTail(int lines = 40) => throw new NotImplementedException();

    /// <summary>True once the server's process exited (by itself or stopped).</summary>
    public bool HasExited => throw new NotImplementedException();

    /// <summary>Graceful signal to the process group, a bounded wait, then kill; waits until no process is left.</summary>
    public Task StopAsync(TimeSpan? grace = null) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
