using PerfNotebooks.Metrics;

namespace PerfNotebooks.Servers;

/// <summary>Samples CPU and memory of a process tree at an interval, in the background, until disposed.</summary>
public sealed class ProcessTreeSampler : IAsyncDisposable
{
    private ProcessTreeSampler() => throw new NotImplementedException("server lab: issue 2");

    public static ProcessTreeSampler Start(int rootPid, TimeSpan? interval = null) => throw new NotImplementedException();

    public IReadOnlyList<ResourceSample> Samples => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
