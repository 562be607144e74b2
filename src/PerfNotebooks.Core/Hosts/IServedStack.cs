using PerfNotebooks.Servers;

namespace PerfNotebooks.Hosts;

/// <summary>A started server on some <see cref="IServerSite"/>. Disposing it stops its whole process tree, wherever it runs.</summary>
public interface IServedStack : IAsyncDisposable
{
    /// <summary>Where load is sent, e.g. http://10.0.0.2:41234/ (reachable by the load hosts).</summary>
    Uri BaseUrl { get; }

    /// <summary>True once the server's process ended (by itself, stopped, or its host was lost).</summary>
    bool HasExited { get; }

    /// <summary>Set when the server's host was lost (not the server itself dying): the cell cannot be trusted.</summary>
    HostException? Lost { get; }

    /// <summary>Python, framework and server versions, when known.</summary>
    ServerVersions? Versions { get; }

    /// <summary>The server's last output lines.</summary>
    string OutputTail(int lines);

    /// <summary>Starts recording the server's process-tree resources every <paramref name="interval"/>, from now.</summary>
    IResourceWatch WatchResources(TimeSpan interval);
}
