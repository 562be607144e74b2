namespace PerfNotebooks.Hosts;

/// <summary>How hosts are reached and prepared for a run (one set of settings for every host of it).</summary>
public sealed record HostSetup
{
    /// <summary>How ssh is called (keys, known_hosts, extra options).</summary>
    public SshOptions Ssh { get; init; } = new();

    /// <summary>
    /// The folder on each host that holds deployed versions; "%h" is replaced with the host's name or address
    /// (as in ssh's own tokens). Null = ~/.cache/perfnb on each host.
    /// </summary>
    public string? DeployRoot { get; init; }

    /// <summary>The Python interpreter on the server host.</summary>
    public string Python { get; init; } = "/usr/bin/python3";

    /// <summary>The Python distributions whose versions each host reports.</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];

    /// <summary>Round trips per clock-offset measurement.</summary>
    public int ClockExchanges { get; init; } = 16;

    /// <summary>The deployer for one host, with its deploy root's tokens filled in.</summary>
    public PerfnbDeployer DeployerFor(HostAddress host) => new() { DeployRoot = DeployRoot?.Replace("%h", host.Host, StringComparison.Ordinal) };
}
