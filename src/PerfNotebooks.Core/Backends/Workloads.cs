namespace PerfNotebooks.Backends;

/// <summary>
/// The realistic workloads, after TechEmpower's test types, served by every catalog app except the bare WSGI one:
/// <c>/db</c> (one row by a random id, as JSON), <c>/queries?n=N</c> (N rows, one query each), <c>/fortunes</c>
/// (every row plus one added at request time, sorted, rendered through the framework's template engine with
/// escaping) and <c>/updates?n=N</c> (N rows read, changed and written back).
/// </summary>
public static class Workloads
{
    /// <summary>The paths of the four workloads.</summary>
    public static IReadOnlyList<string> Endpoints { get; } = ["/db", "/queries", "/fortunes", "/updates"];

    /// <summary>Rows in the World table.</summary>
    public const int WorldRows = 10_000;

    /// <summary>Rows in the Fortune table (TechEmpower's twelve).</summary>
    public const int FortuneRows = 12;

    /// <summary>True when <paramref name="endpoint"/> (a path with its query) is one of the workloads.</summary>
    public static bool NeedsDatabase(string endpoint) => Endpoints.Contains(endpoint.Split('?', 2)[0]);

    /// <summary>Parses a database name: <c>sqlite</c>, or <c>postgres</c> (also <c>postgresql</c>, <c>pg</c>).</summary>
    public static DatabaseKind Parse(string text, string option) => text.Trim().ToLowerInvariant() switch
    {
        "sqlite" or "sqlite3" => DatabaseKind.Sqlite,
        "postgres" or "postgresql" or "pg" => DatabaseKind.Postgres,
        _ => throw new PerfNotebooksException($"{option} '{text}' is not a database PerfNotebooks starts; use sqlite (a file, the default) or postgres (a throwaway cluster)."),
    };
}
