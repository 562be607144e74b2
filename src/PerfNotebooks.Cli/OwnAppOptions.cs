using System.CommandLine;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Cli;

/// <summary>
/// The options that point <c>perfnb serve</c> and <c>perfnb compare</c> at an app of the user's own:
/// <c>--app module:callable [--app-dir DIR] [--pythonpath A,B] [--interface wsgi|asgi] [--servers LIST] [--ready-path /healthz]</c>.
/// One set of option objects per command (an option belongs to one command).
/// </summary>
internal sealed class OwnAppOptions
{
    public Option<string?> App { get; } = new("--app") { Description = "Your own WSGI or ASGI app as module:callable (e.g. myapp:app, mysite.wsgi:application)." };
    public Option<string?> AppDir { get; } = new("--app-dir") { Description = "Folder to import the app from (default: the current one)." };
    public Option<string?> PythonPath { get; } = new("--pythonpath") { Description = "More import folders for the app, comma-separated." };
    public Option<string?> Interface { get; } = new("--interface") { Description = "wsgi or asgi (default: detected by importing the app)." };
    public Option<string?> Servers { get; } = new("--servers") { Description = $"Servers for the app, comma-separated: {string.Join(",", UserApps.ServerNames)} (default: every one that fits)." };
    public Option<string?> ReadyPath { get; } = new("--ready-path") { Description = "A path of the app that answers 2xx once it is ready, e.g. /healthz (default: ready when the port accepts)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { App, AppDir, PythonPath, Interface, Servers, ReadyPath }) command.Options.Add(option);
    }
}
