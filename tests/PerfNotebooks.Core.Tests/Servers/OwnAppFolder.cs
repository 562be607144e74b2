namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>
/// A temporary folder holding small apps of "a user's own", written by the test: a bare WSGI app, a bare ASGI app
/// (lifespan answered), and whatever broken modules a test adds. Deleted when disposed.
/// </summary>
internal sealed class OwnAppFolder : IDisposable
{
    /// <summary>/healthz answers 503 until APP_WARMUP_S seconds after import, then 200; /hello and POST /echo.</summary>
    public const string WsgiApp = """
        import os, time
        STARTED = time.monotonic()
        WARMUP = float(os.environ.get("APP_WARMUP_S", "0"))

        def app(environ, start_response):
            path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
            status, body = "200 OK", b""
            if path == "/healthz":
                ready = time.monotonic() - STARTED >= WARMUP
                status, body = ("200 OK", b"ok") if ready else ("503 Service Unavailable", b"warming up")
            elif path == "/hello" and method == "GET":
                body = b"hello from wsgi"
            elif path == "/echo" and method in ("POST", "PUT"):
                length = int(environ.get("CONTENT_LENGTH") or 0)
                body = environ["wsgi.input"].read(length) if length else b""
            else:
                status, body = "404 Not Found", b"not found"
            start_response(status, [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
            return [body]
        """;

    public const string AsgiApp = """
        import os, time
        STARTED = time.monotonic()
        WARMUP = float(os.environ.get("APP_WARMUP_S", "0"))

        async def app(scope, receive, send):
            if scope["type"] == "lifespan":
                while True:
                    message = await receive()
                    if message["type"] == "lifespan.startup":
                        await send({"type": "lifespan.startup.complete"})
                    elif message["type"] == "lifespan.shutdown":
                        await send({"type": "lifespan.shutdown.complete"})
                        return
            path, method = scope["path"], scope["method"]
            body = b""
            more = True
            while more:
                message = await receive()
                body += message.get("body", b"")
                more = message.get("more_body", False)
            status = 200
            if path == "/healthz":
                ready = time.monotonic() - STARTED >= WARMUP
                status, out = (200, b"ok") if ready else (503, b"warming up")
            elif path == "/hello" and method == "GET":
                out = b"hello from asgi"
            elif path == "/echo" and method in ("POST", "PUT"):
                out = body
            else:
                status, out = 404, b"not found"
            await send({"type": "http.response.start", "status": status,
                        "headers": [(b"content-type", b"text/plain"), (b"content-length", str(len(out)).encode())]})
            await send({"type": "http.response.body", "body": out})
        """;

    public OwnAppFolder()
    {
        Directory.CreateDirectory(Path);
        Write("wsgi_own.py", WsgiApp);
        Write("asgi_own.py", AsgiApp);
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perfnb-ownapp-" + Guid.NewGuid().ToString("N")[..10]);

    public void Write(string file, string text)
    {
        var full = System.IO.Path.Combine(Path, file);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
