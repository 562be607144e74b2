using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>
/// The kernel's limits on connections when a run started (run.json, environment.limits): every listen
/// backlog is capped at <see cref="Somaxconn"/>, and the generator's and servers' sockets at the open-file
/// limits. Null fields could not be read.
/// </summary>
public sealed record SystemLimits
{
    /// <summary>net.core.somaxconn: the longest accept queue any server gets, whatever backlog it asks for.</summary>
    public int? Somaxconn { get; init; }

    /// <summary>net.ipv4.tcp_max_syn_backlog.</summary>
    public int? TcpMaxSynBacklog { get; init; }

    /// <summary>RLIMIT_NOFILE of the perfnb process (servers inherit it unless their limits say otherwise).</summary>
    public long? OpenFilesSoft { get; init; }
    /// <summary>Its hard limit.</summary>
    public long? OpenFilesHard { get; init; }

    /// <summary>Reads this machine's limits; a value that cannot be read is null.</summary>
    public static SystemLimits Read()
    {
        var files = KernelLimits.OpenFiles();
        return new SystemLimits
        {
            Somaxconn = KernelLimits.Somaxconn(),
            TcpMaxSynBacklog = KernelLimits.TcpMaxSynBacklog(),
            OpenFilesSoft = files?.Soft,
            OpenFilesHard = files?.Hard,
        };
    }
}
