using Microsoft.DotNet.Interactive.Commands;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!pyserver start STACK|--app module:callable [--app-dir DIR] [--pythonpath A,B] [--interface wsgi|asgi]
/// [--servers SERVER] [--ready-path P] [--workers N] [--threads N] [--port P] [--cpus LIST] [--name VAR]</c>. Bound by the kernel from the directive's parameters, by name.</summary>
public sealed class PyServerStartCommand : KernelDirectiveCommand
{
    public string? Stack { get; set; }
    public string? Workers { get; set; }
    public string? Threads { get; set; }
    public string? Port { get; set; }
    public string? Cpus { get; set; }
    public string? Name { get; set; }

    /// <summary>An app of the user's own, <c>module:callable</c>, instead of a stack.</summary>
    public string? App { get; set; }
    public string? AppDir { get; set; }
    public string? PythonPath { get; set; }
    public string? Interface { get; set; }
    public string? Servers { get; set; }
    public string? ReadyPath { get; set; }

    /// <summary>A stack file whose stacks the stack name can name; null: perfnb.stacks.json in the notebook's folder.</summary>
    public string? StackFile { get; set; }

    /// <summary>A database to start with the server (stopped with it): sqlite or postgres.</summary>
    public string? Db { get; set; }

    /// <summary>--server-host: start the server on this host (ssh://user@host[:port]).</summary>
    public string? ServerHost { get; set; }

    /// <summary>--ssh-option: Key=Value options for ssh, separated by ';'.</summary>
    public string? SshOption { get; set; }

    /// <summary>--deploy-root: where perfnb goes on the host.</summary>
    public string? DeployRoot { get; set; }
}
