using System.Text.RegularExpressions;

namespace PerfNotebooks.Hosts;

/// <summary>
/// The host settings of a command or a notebook cell, as text, read one way for every front end (as
/// PlanRequest does for plans): the server host, the load hosts, ssh client options and the deploy root. A bad
/// address is an <see cref="InvalidHostAddressException"/> and a bad ssh option an <see cref="InvalidSshOptionException"/>;
/// the front end adds its own option name to the message.
/// </summary>
public sealed partial record HostRequest
{
    /// <summary><c>ssh://user@host[:port]</c>, or null for this machine.</summary>
    public string? ServerHost { get; init; }

    /// <summary>Comma-separated <c>ssh://user@host[:port]</c> addresses, or null for this machine.</summary>
    public string? LoadHosts { get; init; }

    /// <summary>ssh client options, "Key=Value" each (IdentityFile=..., UserKnownHostsFile=..., StrictHostKeyChecking=...).</summary>
    public IReadOnlyList<string> SshOptions { get; init; } = [];

    /// <summary>The folder on each host for perfnb ("%h" = the host); null = ~/.cache/perfnb.</summary>
    public string? DeployRoot { get; init; }

    /// <summary>The Python interpreter on the server host.</summary>
    public string Python { get; init; } = "/usr/bin/python3";

    /// <summary>The Python distributions whose versions each host reports.</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];

    /// <summary>True when any host was named.</summary>
    public bool AnyHost => ServerHost is not null || LoadHosts is not null;

    /// <summary>The server host, or null.</summary>
    public HostAddress? Server() => ServerHost is null ? null : HostAddress.Parse(ServerHost);

    /// <summary>The load hosts, or none.</summary>
    public IReadOnlyList<HostAddress> Load() => LoadHosts is null ? [] : HostAddress.ParseList(LoadHosts);

    /// <summary>How the hosts are reached and prepared.</summary>
    public HostSetup Setup()
    {
        foreach (var option in SshOptions)
            if (!SshOptionPattern().IsMatch(option)) throw new InvalidSshOptionException(option);
        return new HostSetup
        {
            Ssh = new SshOptions { ExtraOptions = SshOptions },
            DeployRoot = DeployRoot,
            Python = Python,
            Packages = Packages,
        };
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*=.+$")]
    private static partial Regex SshOptionPattern();
}
