namespace PerfNotebooks.Servers;

/// <summary>
/// A user's own WSGI or ASGI app, to be served by the catalog's server recipes (gunicorn, uvicorn, ...):
/// where it lives and how to import it. The interface is detected by importing it once (see
/// <see cref="UserApps.InspectAsync"/>) unless given.
/// </summary>
public sealed record UserApp
{
    /// <summary><c>module:callable</c>, e.g. <c>sample_app:app</c> or <c>mysite.wsgi:application</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The folder the module is imported from (the server's working directory); null: the current one.</summary>
    public string? AppDirectory { get; init; }

    /// <summary>More folders to put on the import path, after <see cref="AppDirectory"/>.</summary>
    public IReadOnlyList<string> PythonPath { get; init; } = [];

    /// <summary>WSGI or ASGI; null: detected by importing the app.</summary>
    public AppInterface? Interface { get; init; }

    /// <summary>The module part of <see cref="Target"/>.</summary>
    public string Module => Target.Split(':', 2)[0];

    /// <summary><see cref="AppDirectory"/> as an absolute path (the current directory when none was given).</summary>
    public string FullAppDirectory => Path.GetFullPath(AppDirectory ?? System.IO.Directory.GetCurrentDirectory());
}
