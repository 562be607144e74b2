using PerfNotebooks.Servers;

namespace PerfNotebooks.Hosts;

/// <summary>A started server on some <see cref="IServerSite"/>. Disposing it stops its whole process tree, wherever it runs.</summary>
public interface IServedStack : IAsyncDisposable
{
    /// <summary>Where load is sent, e.g. http://10.0.0.2:41234/ (reachable by the load hosts).</summary>
    Uri BaseUrl { get; }

    /// <summary>The server's leading PID on its machine (for messages).</summary>
    int Pid { get; }

    /// <summary>PIDs of the server's whole process tree, read now (on a host: as of its latest sample).</summary>
    IReadOnlyList<int> ProcessIds();

    /// <summary>True once the server's process ended (by itself, stopped, or its host was lost).</summary>
    bool HasExited { get; }

    /// <summary>The leading process's exit code, when it exited and it is known.</summary>
    int? ExitCode { get; }

    /// <summary>Set when the server's host was lost (not the server itself dying): the cell cannot be trusted.</summary>
    HostException? Lost { get; }

    /// <summary>Python, framework and server versions, when known.</summary>
    ServerVersions? Versions { get; }

    /// <summary>The server's last output lines, as one text.</summary>
    string OutputTail(int lines);

    /// <summary>The server's last output lines.</summary>
    IReadOnlyList<string> OutputLines(int lines);

    /// <summary>Starts recording the server's process-tree resources every <paramref name="interval"/>, from now.</summary>
    IResourceWatch WatchResources(TimeSpan interval);
}
