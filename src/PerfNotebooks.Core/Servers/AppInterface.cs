namespace PerfNotebooks.Servers;

/// <summary>How a server reaches an app: through WSGI, ASGI, or the app is a program with its own server.</summary>
internal enum AppInterface
{
    Wsgi,
    Asgi,
    /// <summary>The app runs its own server (Tornado, aiohttp) or a framework's own runner (Flask's, Django's dev server).</summary>
    Own,
}
