using PerfNotebooks.Load;

namespace PerfNotebooks.Hosts;

/// <summary>
/// Where load comes from: this machine, or one or more hosts over SSH (<see cref="SshLoadSite"/>). The
/// experiment runner drives every cell through one, so local and remote load look the same to it.
/// </summary>
public interface ILoadSite
{
    /// <summary>"this machine", or the hosts' addresses.</summary>
    string Name { get; }

    /// <summary>
    /// Drives <paramref name="spec"/> (its connections and rate are the totals over all generators) and returns
    /// the merged result with each host's own. A generator host lost on the way is a <see cref="HostLostException"/>.
    /// </summary>
    Task<SiteLoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken);
}
