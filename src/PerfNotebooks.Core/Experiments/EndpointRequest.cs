namespace PerfNotebooks.Experiments;

/// <summary>
/// One request a cell sends over and over: method, path (with its query), headers and body. A plan's endpoint
/// that is a bare path is a GET of it; a request file gives these for APIs (POST, PUT, a JSON body, a token
/// header). Stored with the plan in run.json, so a resumed run sends the same bytes.
/// </summary>
public sealed record EndpointRequest
{
    /// <summary>A name for results and charts; null: the method and path (<c>POST /items</c>, or the path alone for a plain GET).</summary>
    public string? Name { get; init; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>The path and query, e.g. <c>/items?page=2</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Extra request headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The body as text (sent as UTF-8); null for none.</summary>
    public string? Body { get; init; }

    /// <summary>How the plan, the results and the charts name this request (its endpoint).</summary>
    public string Label => Name ?? (Method == "GET" && Body is null && Headers.Count == 0 ? Path : $"{Method} {Path}");
}
