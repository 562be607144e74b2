namespace PerfNotebooks.Core.Tests.Load.Support;

/// <summary>
/// Load tests share two cores with whatever else runs: run them one at a time so one test's load does
/// not skew another's latency bounds.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "load engine";
}
