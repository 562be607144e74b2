using Microsoft.DotNet.Interactive.Commands;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!load TARGET [-c N] [-d DURATION] [--rate R | --profile P] [--rooms M] [--warmup D] [--endpoint PATH] [--name VAR]</c>. Bound by the kernel from the directive's parameters, by name.</summary>
public sealed class LoadMagicCommand : KernelDirectiveCommand
{
    public string? Target { get; set; }

    /// <summary>-c: connections.</summary>
    public string? C { get; set; }

    /// <summary>-d: duration.</summary>
    public string? D { get; set; }
    public string? Rate { get; set; }

    /// <summary>--profile: a rate that changes (spike, ramp, step, schedule).</summary>
    public string? Profile { get; set; }

    /// <summary>--rooms: ws:// only, a broadcast over this many rooms.</summary>
    public string? Rooms { get; set; }
    public string? Warmup { get; set; }
    public string? Endpoint { get; set; }
    public string? Name { get; set; }

    /// <summary>--server-host: the server's host; a loopback URL means that host.</summary>
    public string? ServerHost { get; set; }

    /// <summary>--load-hosts: comma-separated ssh:// addresses to generate the load from.</summary>
    public string? LoadHosts { get; set; }

    /// <summary>--ssh-option: Key=Value options for ssh, separated by ';'.</summary>
    public string? SshOption { get; set; }

    /// <summary>--deploy-root: where perfnb goes on each host.</summary>
    public string? DeployRoot { get; set; }
}
