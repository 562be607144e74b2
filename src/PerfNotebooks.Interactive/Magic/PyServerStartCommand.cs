namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!pyserver start STACK|--app module:callable [--app-dir DIR] [--pythonpath A,B] [--interface wsgi|asgi]
/// [--servers SERVER] [--ready-path P] [--workers N] [--threads N] [--port P] [--cpus LIST] [--name VAR]</c>. Bound by the kernel from the directive's parameters, by name.</summary>
public sealed class PyServerStartCommand : OwnAppMagicCommand
{
    public string? Stack { get; set; }
    public string? Workers { get; set; }
    public string? Threads { get; set; }
    public string? Port { get; set; }
    public string? Cpus { get; set; }
    public string? Name { get; set; }

    /// <summary>A database to start with the server (stopped with it): sqlite or postgres.</summary>
    public string? Db { get; set; }
}
