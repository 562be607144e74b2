namespace PerfNotebooks.Core.Tests.Hosts.Support;

/// <summary>
/// The distributed specs share one lab (three stand-in hosts), made once and removed after the last of
/// them, and run one at a time: they load the hosts and watch their processes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DistributedCollection : ICollectionFixture<LabFixture>
{
    public const string Name = "Distributed";
}
