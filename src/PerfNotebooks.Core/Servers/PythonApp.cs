namespace PerfNotebooks.Servers;

/// <summary>
/// One of the Python apps in src/python, and the ways a server can load it.
/// <see cref="FrameworkModule"/> is imported to check it is installed and to read its version.
/// </summary>
internal sealed record PythonApp(
    string Name,
    string? FrameworkModule,
    string? WsgiTarget,
    string? AsgiTarget,
    string? Script)
{
    /// <summary>False for the one app without the realistic workloads (the bare WSGI app: the server alone).</summary>
    public bool ServesDatabase => Name != "wsgi";

    /// <summary>Environment the app needs whatever serves it (Django's settings module).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The app has /ws/echo and /ws/broadcast (served where the server upgrades: <see cref="ServerRecipe.WebSockets"/>).</summary>
    public bool WebSockets { get; init; }

    public static readonly IReadOnlyList<PythonApp> All =
    [
        new("flask", "flask", "flask_app:app", null, null) { WebSockets = true },
        new("django", "django", "django_app.wsgi:application", "django_app.asgi:application", null)
        {
            Environment = new Dictionary<string, string> { ["DJANGO_SETTINGS_MODULE"] = "django_app.settings" },
            // Through its ASGI application only (django_app/ws_asgi.py wraps Django's handler).
            WebSockets = true,
        },
        new("wsgi", null, "wsgi_app:app", null, null),
        new("starlette", "starlette", null, "starlette_app:app", null) { WebSockets = true },
        new("fastapi", "fastapi", null, "fastapi_app:app", null),
        new("tornado", "tornado", null, null, "tornado_app.py") { WebSockets = true },
        new("aiohttp", "aiohttp", null, null, "aiohttp_app.py") { WebSockets = true },
        new("quart", "quart", null, "quart_app:app", null),
        new("falcon", "falcon", "falcon_app:app", null, null),
        new("bottle", "bottle", "bottle_app:app", null, null),
    ];

    public static PythonApp? Find(string name) => All.FirstOrDefault(a => a.Name == name);
}
