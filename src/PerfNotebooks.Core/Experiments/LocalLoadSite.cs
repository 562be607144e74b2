using PerfNotebooks.Hosts;
using PerfNotebooks.Load;

namespace PerfNotebooks.Experiments;

/// <summary>Load from this machine through an <see cref="ILoadRunner"/> (in this process or a child one); no per-host results.</summary>
public sealed class LocalLoadSite(ILoadRunner runner) : ILoadSite
{
    /// <inheritdoc />
    public string Name => "this machine";

    /// <inheritdoc />
    public async Task<SiteLoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
        => new(await runner.RunAsync(spec, progress, cancellationToken).ConfigureAwait(false), []);
}
