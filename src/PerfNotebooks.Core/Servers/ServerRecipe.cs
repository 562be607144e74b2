namespace PerfNotebooks.Servers;

/// <summary>
/// How one server turns an app and options into a command line: the data half of the catalog
/// (a stack = an app x a recipe x options). One recipe per server and worker class.
/// </summary>
internal sealed record ServerRecipe
{
    /// <summary>Server name as in <see cref="StackSpec.Server"/>.</summary>
    public required string Server { get; init; }

    /// <summary>Worker flavour as in <see cref="StackSpec.WorkerClass"/>; null when the server has one.</summary>
    public string? WorkerClass { get; init; }

    public required AppInterface Interface { get; init; }

    /// <summary>The name a server list uses: the server, with the worker class unless it is the server's
    /// default (<c>gunicorn</c>, <c>gunicorn-gthread</c>, <c>gunicorn-gevent</c>, <c>uvicorn</c>, ...).</summary>
    public string Name => WorkerClass is null or "sync" ? Server : $"{Server}-{WorkerClass}";

    /// <summary>Only these apps (for a framework's own runner); null: every app with <see cref="Interface"/>.</summary>
    public string? OnlyApp { get; init; }

    /// <summary>False for servers that run one process (workers must be 1).</summary>
    public required bool HasWorkers { get; init; }

    public required bool HasThreads { get; init; }

    public int DefaultWorkers { get; init; } = 1;

    public int? DefaultThreads { get; init; }

    /// <summary>Python modules the server needs (imported to check it is installed).</summary>
    public IReadOnlyList<string> Modules { get; init; } = [];

    /// <summary>The module whose version is the server's version; null: read it elsewhere (uWSGI).</summary>
    public string? VersionModule { get; init; }

    /// <summary>Runs its own embedded Python (uWSGI) instead of <see cref="StackSpec.Python"/>.</summary>
    public bool EmbeddedPython { get; init; }

    /// <summary>The signal that asks the server to shut down gracefully.</summary>
    public int StopSignal { get; init; } = Posix.SIGTERM;

    /// <summary>Environment the server needs (uWSGI's http-socket sends no Server/Date: the app adds them).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The server upgrades HTTP connections to WebSocket (for an app that has WebSocket endpoints).</summary>
    public bool WebSockets { get; init; }

    /// <summary>What caps the connections a worker serves at once.</summary>
    public ConcurrencyModel Concurrency { get; init; } = ConcurrencyModel.EventLoop;

    /// <summary>The listen backlog the server asks for unless told otherwise (the kernel caps it at net.core.somaxconn).</summary>
    public int? DefaultBacklog { get; init; }

    /// <summary>Clients one worker serves at once unless told otherwise (gevent, gthread, waitress); null: no such cap.</summary>
    public int? DefaultWorkerConnections { get; init; }

    /// <summary>The options that raise the server's own limits (<see cref="ServerLimits"/>); appended to the command line. None by default.</summary>
    public Func<ServerLimits, IReadOnlyList<string>> LimitArguments { get; init; } = _ => [];

    /// <summary>The command line, program first.</summary>
    public required Func<LaunchContext, IReadOnlyList<string>> CommandLine { get; init; }

    /// <summary>How the server names the app it loads.</summary>
    public string? Target(PythonApp app) => Interface switch
    {
        AppInterface.Wsgi => app.WsgiTarget,
        AppInterface.Asgi => app.AsgiTarget,
        _ => OnlyApp == app.Name ? app.Script ?? app.Name : null,
    };

    public bool Serves(PythonApp app) => Target(app) is not null;
}
