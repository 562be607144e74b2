namespace PerfNotebooks.Servers;

/// <summary>
/// The named stacks PerfNotebooks knows: each an app x a server recipe, with the recipe's default workers
/// and threads. Adjust one with <c>with</c> (e.g. <c>StackCatalog.Get("flask-gunicorn") with { Workers = 4 }</c>).
/// </summary>
public static class StackCatalog
{
    private static readonly (string Name, string App, string Server, string? WorkerClass, string Description)[] Entries =
    [
        ("django-runserver", "django", "runserver", null, "Django's development server (manage.py runserver, threaded, no autoreload)"),
        ("django-gunicorn", "django", "gunicorn", "sync", "Django under Gunicorn, sync workers"),
        ("flask-dev", "flask", "werkzeug", null, "Flask's development server (Werkzeug, threaded, one process)"),
        ("flask-gunicorn", "flask", "gunicorn", "sync", "Flask under Gunicorn, sync workers"),
        ("flask-gunicorn-gthread", "flask", "gunicorn", "gthread", "Flask under Gunicorn, threaded workers"),
        ("flask-gunicorn-gevent", "flask", "gunicorn", "gevent", "Flask under Gunicorn, gevent workers (monkey-patched green threads)"),
        ("tornado", "tornado", "tornado", null, "Tornado on its own HTTP server (pre-fork when workers > 1)"),
        ("wsgi-gunicorn", "wsgi", "gunicorn", "sync", "A bare WSGI app under Gunicorn, sync workers: Gunicorn alone"),
        ("starlette-uvicorn", "starlette", "uvicorn", null, "Starlette under Uvicorn (ASGI)"),
        ("fastapi-uvicorn", "fastapi", "uvicorn", null, "FastAPI under Uvicorn (ASGI)"),
        ("django-uvicorn", "django", "uvicorn", null, "Django's ASGI handler under Uvicorn"),
        ("starlette-hypercorn", "starlette", "hypercorn", null, "Starlette under Hypercorn (ASGI; Debian's 0.13.2 closes each connection after one response, unannounced)"),
        ("aiohttp", "aiohttp", "aiohttp", null, "aiohttp on its own server (one process)"),
        ("flask-waitress", "flask", "waitress", null, "Flask under Waitress (one process, a thread pool)"),
        ("flask-uwsgi", "flask", "uwsgi", null, "Flask under uWSGI (http11-socket: keep-alive; its own embedded Python)"),
        ("django-daphne", "django", "daphne", null, "Django's ASGI handler under Daphne (Django's own ASGI server, on Twisted; one process)"),
        ("flask-gunicorn-gevent-ws", "flask", "gunicorn", "gevent-websocket", "Flask under Gunicorn, gevent-websocket workers (gevent, and WebSocket upgrades)"),
        ("flask-gunicorn-defaults", "flask", "gunicorn", "sync", "Flask under Gunicorn as it comes: its own defaults (one sync worker)"),
        ("flask-gunicorn-tuned", "flask", "gunicorn", "gthread", "Flask under Gunicorn configured by its docs: 2 x cores + 1 gthread workers, 4 threads each"),
        ("flask-cheroot", "flask", "cheroot", null, "Flask under Cheroot (CherryPy's WSGI server; one process, a thread pool)"),
        ("flask-twisted", "flask", "twisted", null, "Flask under Twisted's WSGI resource (one process: the reactor, and a thread pool for the app)"),
        ("quart-hypercorn", "quart", "hypercorn", null, "Quart (Flask's API on ASGI) under Hypercorn"),
        ("falcon-gunicorn", "falcon", "gunicorn", "sync", "Falcon (a lean WSGI framework) under Gunicorn, sync workers"),
        ("bottle-gunicorn", "bottle", "gunicorn", "sync", "Bottle (a one-file WSGI framework) under Gunicorn, sync workers"),
    ];

    /// <summary>
    /// Stacks whose workers and threads differ from their recipe's defaults: Gunicorn as it comes (its own
    /// default, one sync worker) and as its documentation suggests configuring it ("2-4 x $(NUM_CORES)"
    /// workers, the rule of thumb 2 x cores + 1; threads for I/O-bound apps).
    /// </summary>
    private static readonly Dictionary<string, (int Workers, int? Threads)> Configured = new(StringComparer.Ordinal)
    {
        ["flask-gunicorn-defaults"] = (1, null),
        ["flask-gunicorn-tuned"] = (2 * Environment.ProcessorCount + 1, 4),
    };

    private static readonly Lazy<IReadOnlyList<StackSpec>> Stacks = new(Build);

    /// <summary>Every catalog stack, with its default options.</summary>
    public static IReadOnlyList<StackSpec> All => Stacks.Value;

    /// <summary>The names of the catalog stacks, in catalog order.</summary>
    public static IReadOnlyList<string> Names => [.. All.Select(s => s.Name)];

    /// <summary>The stack of that name, or a <see cref="PerfNotebooksException"/> listing the known ones and the nearest.</summary>
    public static StackSpec Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        var stack = All.FirstOrDefault(s => string.Equals(s.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        if (stack is not null) return stack;
        var nearest = EditDistance.Nearest(trimmed.ToLowerInvariant(), Names);
        var suggestion = nearest is null ? "" : $" Did you mean '{nearest}'?";
        throw new PerfNotebooksException(
            $"unknown stack '{name}'.{suggestion} Known stacks: {string.Join(", ", Names)}.");
    }

    /// <summary>
    /// The stack of that name among <paramref name="userStacks"/> (a stack file's, a notebook's) first, then the
    /// catalog's; an unknown name is a one-line error listing both and suggesting the nearest.
    /// </summary>
    public static StackSpec Get(string name, IReadOnlyList<StackSpec> userStacks)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(userStacks);
        var trimmed = name.Trim();
        var own = userStacks.FirstOrDefault(s => string.Equals(s.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        if (own is not null) return own;
        if (userStacks.Count == 0) return Get(name);
        var stack = All.FirstOrDefault(s => string.Equals(s.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        if (stack is not null) return stack;
        var names = userStacks.Select(s => s.Name).ToList();
        var nearest = EditDistance.Nearest(trimmed.ToLowerInvariant(), [.. names, .. Names]);
        var suggestion = nearest is null ? "" : $" Did you mean '{nearest}'?";
        throw new PerfNotebooksException(
            $"unknown stack '{name}'.{suggestion} Yours: {string.Join(", ", names)}. The catalog's: {string.Join(", ", Names)}.");
    }

    private static List<StackSpec> Build()
    {
        var stacks = new List<StackSpec>(Entries.Length);
        foreach (var e in Entries)
        {
            var recipe = ServerRecipes.Find(e.Server, e.WorkerClass)
                         ?? throw new InvalidOperationException($"catalog stack {e.Name}: no recipe for {e.Server}/{e.WorkerClass}");
            var (workers, threads) = Configured.TryGetValue(e.Name, out var configured) ? configured : (recipe.DefaultWorkers, recipe.DefaultThreads);
            stacks.Add(new StackSpec
            {
                Name = e.Name,
                App = e.App,
                Server = e.Server,
                WorkerClass = e.WorkerClass,
                Workers = workers,
                Threads = threads,
                Description = e.Description,
                WebSockets = recipe.WebSockets && PythonApp.Find(e.App) is { WebSockets: true },
            });
        }
        return stacks;
    }
}
