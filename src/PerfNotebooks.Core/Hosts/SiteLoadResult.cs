using PerfNotebooks.Load;

namespace PerfNotebooks.Hosts;

/// <summary>One measurement from a load site: the merged result, and each host's own (empty when the load ran here).</summary>
/// <param name="Merged">All generators together: histograms added, requests, rates and errors summed.</param>
/// <param name="PerHost">Each generator host's own result, in host order.</param>
public sealed record SiteLoadResult(LoadResult Merged, IReadOnlyList<HostLoadResult> PerHost);
