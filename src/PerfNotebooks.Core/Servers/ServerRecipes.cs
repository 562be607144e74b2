using System.Globalization;

namespace PerfNotebooks.Servers;

/// <summary>
/// The launch recipes, one per server (and worker class). Defaults suit a 2-core machine: pre-fork servers
/// get 2 workers, single-process servers 1. Graceful-stop timeouts are short (gunicorn and hypercorn
/// --graceful-timeout 2) so that a stop stays quick even with a connection open; the launcher kills what is
/// left after its own bounded wait (3 s by default). Recipes stop on SIGTERM, the graceful signal of all of
/// these servers (uWSGI with --die-on-term), except gunicorn's gthread and gevent workers: they notice
/// SIGTERM only on their once-a-second loop (~1.4 s to stop on a quiet 2-core machine), while gunicorn's
/// quick stop, SIGINT, ends them in ~0.8 s. A stop comes after the load has ended, so the quick stop loses
/// nothing. uWSGI's SIGINT is no faster (its embedded Python turns it into a KeyboardInterrupt that an idle
/// worker never sees). uvicorn 0.17 has no graceful-timeout option.
/// </summary>
internal static class ServerRecipes
{
    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>host:port as servers take it, with brackets around an IPv6 address.</summary>
    private static string Bind(LaunchContext c) => (c.Host.Contains(':') ? $"[{c.Host}]" : c.Host) + ":" + S(c.Port);

    private static readonly string[] GunicornGraceful = ["--graceful-timeout", "2"];

    private static IReadOnlyList<string> Backlog(ServerLimits l, string option)
        => l.Backlog is { } b ? [option, S(b)] : [];

    private static IReadOnlyList<string> GunicornLimits(ServerLimits l, bool workerConnections)
        => [.. Backlog(l, "--backlog"), .. workerConnections && l.WorkerConnections is { } w ? new[] { "--worker-connections", S(w) } : []];

    public static readonly IReadOnlyList<ServerRecipe> All =
    [
        new()
        {
            Server = "runserver", Interface = AppInterface.Own, OnlyApp = "django",
            Concurrency = ConcurrencyModel.ThreadPerConnection, DefaultBacklog = 10,
            HasWorkers = false, HasThreads = false, Modules = ["django"], VersionModule = "django",
            CommandLine = c => [c.Python, "-m", "django", "runserver", "--noreload", Bind(c)],
        },
        new()
        {
            Server = "werkzeug", Interface = AppInterface.Own, OnlyApp = "flask",
            Concurrency = ConcurrencyModel.ThreadPerConnection, DefaultBacklog = 128,
            HasWorkers = false, HasThreads = false, Modules = ["flask", "werkzeug"], VersionModule = "werkzeug",
            CommandLine = c => [c.Python, "-m", "flask", "--app", "flask_app", "run", "--host", c.Host, "--port", S(c.Port)],
        },
        new()
        {
            Server = "gunicorn", WorkerClass = "sync", Interface = AppInterface.Wsgi,
            Concurrency = ConcurrencyModel.RequestPerThread, DefaultBacklog = 2048,
            LimitArguments = l => GunicornLimits(l, workerConnections: false),
            HasWorkers = true, HasThreads = false, DefaultWorkers = 2, Modules = ["gunicorn"], VersionModule = "gunicorn",
            CommandLine = c => [c.Python, "-m", "gunicorn", "-w", S(c.Workers), "-b", Bind(c), .. GunicornGraceful, c.App.WsgiTarget!],
        },
        new()
        {
            Server = "gunicorn", WorkerClass = "gthread", Interface = AppInterface.Wsgi,
            // gthread keeps up to worker_connections connections per worker and serves `threads` requests at once.
            Concurrency = ConcurrencyModel.RequestPerThread, DefaultBacklog = 2048, DefaultWorkerConnections = 1000,
            LimitArguments = l => GunicornLimits(l, workerConnections: true),
            HasWorkers = true, HasThreads = true, DefaultWorkers = 2, DefaultThreads = 4, Modules = ["gunicorn"], VersionModule = "gunicorn",
            StopSignal = Posix.SIGINT,
            CommandLine = c =>
            [
                c.Python, "-m", "gunicorn", "-w", S(c.Workers), "-k", "gthread",
                .. c.Threads is { } t ? new[] { "--threads", S(t) } : [],
                "-b", Bind(c), .. GunicornGraceful, c.App.WsgiTarget!,
            ],
        },
        new()
        {
            Server = "gunicorn", WorkerClass = "gevent", Interface = AppInterface.Wsgi,
            Concurrency = ConcurrencyModel.GreenThreads, DefaultBacklog = 2048, DefaultWorkerConnections = 1000,
            LimitArguments = l => GunicornLimits(l, workerConnections: true),
            HasWorkers = true, HasThreads = false, DefaultWorkers = 2, Modules = ["gunicorn", "gevent"], VersionModule = "gunicorn",
            StopSignal = Posix.SIGINT,
            CommandLine = c => [c.Python, "-m", "gunicorn", "-w", S(c.Workers), "-k", "gevent", "-b", Bind(c), .. GunicornGraceful, c.App.WsgiTarget!],
        },
        new()
        {
            // gevent-websocket's worker: gevent's pywsgi with a handler that upgrades to WebSocket. pywsgi sends
            // Date but no Server header: the app adds Server (and keeps pywsgi from adding a second Date).
            Server = "gunicorn", WorkerClass = "gevent-websocket", Interface = AppInterface.Wsgi, WebSockets = true,
            Concurrency = ConcurrencyModel.GreenThreads, DefaultBacklog = 2048, DefaultWorkerConnections = 1000,
            LimitArguments = l => GunicornLimits(l, workerConnections: true),
            HasWorkers = true, HasThreads = false, DefaultWorkers = 2, Modules = ["gunicorn", "gevent", "geventwebsocket"], VersionModule = "gunicorn",
            StopSignal = Posix.SIGINT,
            Environment = new Dictionary<string, string> { ["PERFNB_ADD_SERVER_HEADERS"] = "1" },
            CommandLine = c =>
            [
                c.Python, "-m", "gunicorn", "-w", S(c.Workers), "-k", "geventwebsocket.gunicorn.workers.GeventWebSocketWorker",
                "-b", Bind(c), .. GunicornGraceful, c.App.WsgiTarget!,
            ],
        },
        new()
        {
            Server = "tornado", Interface = AppInterface.Own, OnlyApp = "tornado", WebSockets = true,
            DefaultBacklog = 128, LimitArguments = l => Backlog(l, "--backlog"),
            HasWorkers = true, HasThreads = false, DefaultWorkers = 2, Modules = ["tornado"], VersionModule = "tornado",
            CommandLine = c => [c.Python, c.App.Script!, "--host", c.Host, "--port", S(c.Port), "--workers", S(c.Workers)],
        },
        new()
        {
            Server = "aiohttp", Interface = AppInterface.Own, OnlyApp = "aiohttp", WebSockets = true,
            DefaultBacklog = 128, LimitArguments = l => Backlog(l, "--backlog"),
            HasWorkers = false, HasThreads = false, Modules = ["aiohttp"], VersionModule = "aiohttp",
            CommandLine = c => [c.Python, c.App.Script!, "--host", c.Host, "--port", S(c.Port)],
        },
        new()
        {
            Server = "uvicorn", Interface = AppInterface.Asgi, WebSockets = true,
            DefaultBacklog = 2048, LimitArguments = l => Backlog(l, "--backlog"),
            HasWorkers = true, HasThreads = false, DefaultWorkers = 2, Modules = ["uvicorn"], VersionModule = "uvicorn",
            CommandLine = c =>
            [
                c.Python, "-m", "uvicorn", c.App.AsgiTarget!, "--host", c.Host, "--port", S(c.Port),
                "--workers", S(c.Workers), "--no-access-log", "--log-level", "warning",
                // Named, not "auto": auto picks whichever WebSocket library happens to be installed.
                "--ws", "websockets",
            ],
        },
        new()
        {
            Server = "hypercorn", Interface = AppInterface.Asgi, WebSockets = true,
            DefaultBacklog = 100, LimitArguments = l => Backlog(l, "--backlog"),
            HasWorkers = true, HasThreads = false, DefaultWorkers = 2, Modules = ["hypercorn"], VersionModule = "hypercorn",
            CommandLine = c => [c.Python, "-m", "hypercorn", c.App.AsgiTarget!, "-b", Bind(c), "-w", S(c.Workers), "--graceful-timeout", "2"],
        },
        new()
        {
            Server = "waitress", Interface = AppInterface.Wsgi,
            // waitress serves `threads` requests at once and keeps at most connection_limit (100) connections.
            Concurrency = ConcurrencyModel.RequestPerThread, DefaultBacklog = 1024, DefaultWorkerConnections = 100,
            LimitArguments = l =>
            [
                .. l.Backlog is { } b ? new[] { $"--backlog={S(b)}" } : [],
                .. l.WorkerConnections is { } w ? new[] { $"--connection-limit={S(w)}" } : [],
            ],
            HasWorkers = false, HasThreads = true, DefaultThreads = 4, Modules = ["waitress"], VersionModule = "waitress",
            CommandLine = c =>
            [
                c.Python, "-m", "waitress", $"--host={c.Host}", $"--port={S(c.Port)}",
                .. c.Threads is { } t ? new[] { $"--threads={S(t)}" } : [],
                c.App.WsgiTarget!,
            ],
        },
        new()
        {
            Server = "uwsgi", Interface = AppInterface.Wsgi,
            // uWSGI refuses to start with a listen queue above net.core.somaxconn: capped there.
            Concurrency = ConcurrencyModel.RequestPerThread, DefaultBacklog = 100,
            LimitArguments = l => l.Backlog is { } b ? ["--listen", S(Math.Min(b, KernelLimits.Somaxconn() ?? b))] : [],
            HasWorkers = true, HasThreads = true, DefaultWorkers = 2, EmbeddedPython = true,
            Environment = new Dictionary<string, string> { ["PERFNB_ADD_SERVER_HEADERS"] = "1" },
            CommandLine = c =>
            [
                "uwsgi", "--plugin", "python3", "--http11-socket", Bind(c), "--module", c.App.WsgiTarget!,
                "--processes", S(c.Workers), .. c.Threads is { } t ? new[] { "--threads", S(t) } : [],
                "--master", "--disable-logging", "--die-on-term", "--need-app", "--chdir", c.AppDirectory,
                .. c.ImportPath.SelectMany(p => new[] { "--pythonpath", p }),
            ],
        },
        new()
        {
            Server = "cheroot", Interface = AppInterface.Wsgi,
            HasWorkers = false, HasThreads = true, DefaultThreads = 4, Modules = ["cheroot"], VersionModule = "cheroot",
            CommandLine = c =>
            [
                c.Python, "-m", "cheroot", "--bind", Bind(c),
                .. c.Threads is { } t ? new[] { "--threads", S(t), "--max-threads", S(t) } : [],
                c.App.WsgiTarget!,
            ],
        },
        new()
        {
            // Twisted's WSGI resource on its reactor, the app called on a thread pool of --threads threads.
            Server = "twisted", Interface = AppInterface.Wsgi,
            HasWorkers = false, HasThreads = true, DefaultThreads = 4, Modules = ["twisted"], VersionModule = "twisted",
            CommandLine = c =>
            [
                c.Python, Path.Combine(c.HelperDirectory, "serve_twisted.py"), c.App.WsgiTarget!, "--host", c.Host, "--port", S(c.Port),
                .. c.Threads is { } t ? new[] { "--threads", S(t) } : [],
            ],
        },
        new()
        {
            Server = "daphne", Interface = AppInterface.Asgi, WebSockets = true,
            // Twisted's TCP endpoint listens with a backlog of 50; daphne's -b/-p have no option for it.
            DefaultBacklog = 50,
            HasWorkers = false, HasThreads = false, Modules = ["daphne"], VersionModule = "daphne",
            // Daphne sends Server but no Date: the catalog apps add it. -v 0: no access log.
            Environment = new Dictionary<string, string> { ["PERFNB_ADD_DATE_HEADER"] = "1" },
            CommandLine = c => [c.Python, "-m", "daphne", "-b", c.Host, "-p", S(c.Port), "-v", "0", c.App.AsgiTarget!],
        },
    ];

    /// <summary>The recipes a user's app can be served by (WSGI and ASGI servers), by <see cref="ServerRecipe.Name"/>.</summary>
    public static IReadOnlyList<ServerRecipe> ForUserApps => [.. All.Where(r => r.Interface != AppInterface.Own)];

    /// <summary>The recipe of a server list name (<c>gunicorn</c>, <c>gunicorn-gthread</c>, <c>uvicorn</c>, ...); null if none.</summary>
    public static ServerRecipe? Named(string name) => All.FirstOrDefault(r => r.Name == name);

    public static ServerRecipe? Find(string server, string? workerClass)
        => All.FirstOrDefault(r => r.Server == server && r.WorkerClass == workerClass)
           ?? (workerClass is null ? All.FirstOrDefault(r => r.Server == server) : null);
}
