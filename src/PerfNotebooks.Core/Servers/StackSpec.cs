namespace PerfNotebooks.Servers;

/// <summary>
/// One way of serving a Python app: an app (framework) x a server x options. Data, not a class per
/// combination: the catalog holds named instances, a user adjusts one with <c>with</c> or writes their own.
/// </summary>
public sealed record StackSpec
{
    /// <summary>Catalog name, e.g. <c>flask-gunicorn</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The framework / app, e.g. <c>flask</c>, <c>django</c>, <c>wsgi</c>, or <c>custom</c>.</summary>
    public required string App { get; init; }

    /// <summary>The server, e.g. <c>gunicorn</c>, <c>uvicorn</c>, <c>werkzeug</c>, <c>tornado</c>.</summary>
    public required string Server { get; init; }

    /// <summary>Server worker flavour where the server has several (gunicorn: sync, gthread, gevent).</summary>
    public string? WorkerClass { get; init; }

    /// <summary>Worker processes. 1 for single-process servers.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Threads per worker, where the server has them; null means the server's default.</summary>
    public int? Threads { get; init; }

    /// <summary>Interface to bind. Loopback unless a user asks otherwise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port to bind; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>CPU list for taskset (e.g. <c>1</c> or <c>0-1</c>); null leaves placement to the kernel.</summary>
    public string? Cpus { get; init; }

    /// <summary>Extra arguments appended to the server's command line.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    /// <summary>Extra environment variables for the server process.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The Python interpreter. Named explicitly: the first python3 on PATH may lack the Debian packages.</summary>
    public string Python { get; init; } = "/usr/bin/python3";

    /// <summary>How long to wait for the server to be ready (see <see cref="ReadyPath"/>).</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The path whose GET must answer 2xx before the server counts as ready; null: ready as soon as it
    /// accepts a TCP connection. Catalog apps answer on <c>/plaintext</c>; a user's app names its own
    /// (e.g. <c>/healthz</c>) or has none.</summary>
    public string? ReadyPath { get; init; } = "/plaintext";

    /// <summary>The user's own WSGI or ASGI app this stack serves under a catalog server recipe (then
    /// <see cref="App"/> is its <c>module:callable</c>); null for catalog apps and user-defined commands.</summary>
    public UserApp? UserApp { get; init; }

    /// <summary>For a user-defined stack: the full command line; <c>{python}</c>, <c>{host}</c>, <c>{port}</c>,
    /// <c>{workers}</c>, <c>{threads}</c> are substituted. Null for catalog stacks, whose command the launcher builds.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Working directory for a user-defined stack (where its app module lives).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Where a user-defined stack comes from (its stack file, or a notebook cell); null for the catalog's
    /// stacks and for the stacks of a user's app.</summary>
    public string? Source { get; init; }

    /// <summary>One line for people: what this stack is.</summary>
    public string Description { get; init; } = "";

    /// <summary>
    /// Serves the WebSocket endpoints /ws/echo and /ws/broadcast?room=N (src/python/perfnb_ws.py): the server
    /// upgrades connections and the app has the endpoints. Catalog stacks say so themselves; set it on a
    /// user-defined stack that does.
    /// </summary>
    public bool WebSockets { get; init; }

    /// <summary>Limits raised for many connections (backlog, gevent worker connections, open files); null: the server's defaults.</summary>
    public ServerLimits? Limits { get; init; }
}
