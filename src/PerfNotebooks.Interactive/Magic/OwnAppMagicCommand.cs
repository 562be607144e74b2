using Microsoft.DotNet.Interactive.Commands;

namespace PerfNotebooks.Interactive.Magic;

/// <summary>
/// The parameters every magic command that starts servers shares (bound by the kernel by name, as their own): an app
/// of the user's own (<see cref="OwnAppParameters"/>), a stack file, and the server's host.
/// </summary>
public abstract class OwnAppMagicCommand : KernelDirectiveCommand
{
    /// <summary>An app of the user's own, <c>module:callable</c>.</summary>
    public string? App { get; set; }

    /// <summary>The folder to import the app from.</summary>
    public string? AppDir { get; set; }

    /// <summary>More import folders for the app, comma-separated.</summary>
    public string? PythonPath { get; set; }

    /// <summary>wsgi or asgi; null: detected by importing the app.</summary>
    public string? Interface { get; set; }

    /// <summary>Servers for the app, comma-separated.</summary>
    public string? Servers { get; set; }

    /// <summary>A path of the app that answers 2xx once it is ready.</summary>
    public string? ReadyPath { get; set; }

    /// <summary>A stack file whose stacks can be named; null: perfnb.stacks.json in the notebook's folder.</summary>
    public string? StackFile { get; set; }

    /// <summary>--server-host: ssh://user@host[:port] for the servers.</summary>
    public string? ServerHost { get; set; }

    /// <summary>--ssh-option: Key=Value options for ssh, separated by ';'.</summary>
    public string? SshOption { get; set; }

    /// <summary>--deploy-root: where perfnb goes on each host.</summary>
    public string? DeployRoot { get; set; }
}
