namespace PerfNotebooks.Servers;

/// <summary>How a server reaches an app: through WSGI, ASGI, or the app is a program with its own server.</summary>
public enum AppInterface
{
    /// <summary>PEP 3333: a callable of (environ, start_response).</summary>
    Wsgi,

    /// <summary>ASGI 3: an async callable of (scope, receive, send).</summary>
    Asgi,

    /// <summary>The app runs its own server (Tornado, aiohttp) or a framework's own runner (Flask's, Django's dev server).</summary>
    Own,
}
