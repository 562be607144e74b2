namespace PerfNotebooks.Hosts;

/// <summary>
/// A host could not be reached before anything ran on it: no route, connection refused, a key or host key
/// that does not match (BatchMode never prompts). <see cref="SshMessage"/> is ssh's own last line.
/// </summary>
public sealed class HostUnreachableException(HostAddress host, string sshMessage)
    : HostException(host, $"host {host} is unreachable: {sshMessage}")
{
    /// <summary>ssh's own explanation, e.g. "ssh: connect to host 10.0.0.2 port 22: Connection refused".</summary>
    public string SshMessage { get; } = sshMessage;
}
