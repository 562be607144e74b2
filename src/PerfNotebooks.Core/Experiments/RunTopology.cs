using PerfNotebooks.Hosts;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Where a distributed run's parts ran, as run.json keeps it: the server host and the load hosts, each with its
/// environment and clock offset. Null in run.json for a run measured on this machine alone.
/// </summary>
public sealed record RunTopology
{
    /// <summary>The server host; null when servers ran on the controlling machine.</summary>
    public HostEnvironment? ServerHost { get; init; }

    /// <summary>The load hosts; empty when the load ran on the controlling machine.</summary>
    public IReadOnlyList<HostEnvironment> LoadHosts { get; init; } = [];

    /// <summary>The addresses servers listened on and load was sent to (e.g. the server host's own address).</summary>
    public string ServerBindAddress { get; init; } = "";

    /// <summary>The topology of an opened set of hosts.</summary>
    public static RunTopology From(HostTopology hosts, string serverBindAddress) => new()
    {
        ServerHost = hosts.Server?.Environment,
        LoadHosts = [.. hosts.Load.Select(h => h.Environment)],
        ServerBindAddress = serverBindAddress,
    };
}
