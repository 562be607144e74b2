using PerfNotebooks.Metrics;

namespace PerfNotebooks.Hosts;

/// <summary>Resource samples of a server's process tree over one measurement, <see cref="ResourceSample.Elapsed"/> counted from its start.</summary>
public interface IResourceWatch
{
    /// <summary>Ends the recording and returns its samples, oldest first.</summary>
    Task<IReadOnlyList<ResourceSample>> StopAsync();
}
