namespace PerfNotebooks.Hosts;

/// <summary>A host that was reached earlier stopped answering while something ran on it.</summary>
public sealed class HostLostException(HostAddress host, string detail)
    : HostException(host, $"host {host} was lost: {detail}")
{
    /// <summary>What was seen, e.g. ssh's last line or "the connection closed during the load".</summary>
    public string Detail { get; } = detail;
}
