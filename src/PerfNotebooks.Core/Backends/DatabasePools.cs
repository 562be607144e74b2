using PerfNotebooks.Servers;

namespace PerfNotebooks.Backends;

/// <summary>
/// Sizes a stack's connections to the database per worker process: as many as the worker runs requests at once.
/// Threaded servers: one per thread. Async servers (and gevent): a pool of <see cref="AsyncPoolSize"/>, enough to
/// keep a 2-core machine's database busy without queueing in it. Development servers (a thread per request):
/// <see cref="DevServerPoolSize"/>. Sync workers: one. Django holds a connection per thread whatever the pool
/// (and runs its sync views on one thread under ASGI).
/// </summary>
internal static class DatabasePools
{
    public const int AsyncPoolSize = 10;
    public const int DevServerPoolSize = 4;

    public static DatabasePool For(StackSpec spec)
    {
        ServerRecipe? recipe;
        PythonApp? app;
        try
        {
            (recipe, app) = LaunchPlanner.Resolve(spec);
        }
        catch (PerfNotebooksException)
        {
            return new DatabasePool(spec.Threads ?? 1, "the stack's own (the PERFNB_DB_* variables)");
        }
        if (recipe is null || app is null || spec.UserApp is not null)
            return new DatabasePool(spec.Threads ?? 1, "the app's own (the PERFNB_DB_* variables)");

        var threads = recipe.HasThreads ? spec.Threads ?? recipe.DefaultThreads ?? 1 : 1;
        var async = recipe.Interface == AppInterface.Asgi || app.Name is "tornado" or "aiohttp";
        var size = recipe.HasThreads ? threads
            : recipe.WorkerClass == "gevent" || async ? AsyncPoolSize
            : recipe.Server is "werkzeug" or "runserver" ? DevServerPoolSize
            : 1;
        return app.Name switch
        {
            "django" when recipe.Server == "runserver" => new DatabasePool(1, "Django ORM (sqlite3 / psycopg2): a connection per request thread, closed with it"),
            "django" when recipe.Interface == AppInterface.Asgi => new DatabasePool(1, "Django ORM (sqlite3 / psycopg2): sync views on one thread under ASGI, one connection"),
            "django" => new DatabasePool(threads, "Django ORM (sqlite3 / psycopg2): a persistent connection per thread"),
            "flask" => new DatabasePool(size, "SQLAlchemy 1.4 ORM (future=True, sqlite3 / psycopg2): a QueuePool"),
            "falcon" or "bottle" => new DatabasePool(threads, "DB-API (sqlite3 / psycopg2): a connection per thread"),
            _ when async => new DatabasePool(size, "asyncpg pool / aiosqlite connections"),
            _ => new DatabasePool(size, "DB-API (sqlite3 / psycopg2)"),
        };
    }
}
