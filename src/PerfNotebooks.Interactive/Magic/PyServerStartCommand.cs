using Microsoft.DotNet.Interactive.Commands;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!pyserver start STACK [--workers N] [--threads N] [--port P] [--cpus LIST] [--name VAR]</c>. Bound by the kernel from the directive's parameters, by name.</summary>
public sealed class PyServerStartCommand : KernelDirectiveCommand
{
    public string? Stack { get; set; }
    public string? Workers { get; set; }
    public string? Threads { get; set; }
    public string? Port { get; set; }
    public string? Cpus { get; set; }
    public string? Name { get; set; }

    /// <summary>--server-host: start the server on this host (ssh://user@host[:port]).</summary>
    public string? ServerHost { get; set; }

    /// <summary>--ssh-option: Key=Value options for ssh, separated by ';'.</summary>
    public string? SshOption { get; set; }

    /// <summary>--deploy-root: where perfnb goes on the host.</summary>
    public string? DeployRoot { get; set; }
}
