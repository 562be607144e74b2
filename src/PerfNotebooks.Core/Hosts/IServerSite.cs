using PerfNotebooks.Servers;

namespace PerfNotebooks.Hosts;

/// <summary>
/// Where servers run: this machine (<see cref="LocalServerSite"/>) or a host over SSH (<see cref="SshServerSite"/>).
/// The experiment runner starts every cell's server through one, so a local and a remote server look the same to it.
/// </summary>
public interface IServerSite
{
    /// <summary>"this machine", or the host's address.</summary>
    string Name { get; }

    /// <summary>
    /// Starts <paramref name="spec"/> and returns once it answers. A server that will not start is a
    /// <see cref="PerfNotebooksException"/> (the cell is kept, flagged); a host that cannot be reached is a <see cref="HostException"/>.
    /// </summary>
    Task<IServedStack> StartAsync(StackSpec spec, CancellationToken cancellationToken);
}
