namespace PerfNotebooks.Servers;

/// <summary>How a server serves many connections at once: what caps it before file descriptors do.</summary>
public enum ConcurrencyModel
{
    /// <summary>Each worker thread serves one request at a time (gunicorn's sync and gthread workers, waitress, uWSGI).</summary>
    RequestPerThread,

    /// <summary>A new thread per connection (the development servers): no fixed cap.</summary>
    ThreadPerConnection,

    /// <summary>Green threads per worker (gevent), up to a number of clients per worker.</summary>
    GreenThreads,

    /// <summary>An event loop per worker (Tornado, aiohttp, uvicorn, hypercorn, Daphne): no fixed cap but CPU and descriptors.</summary>
    EventLoop,
}
