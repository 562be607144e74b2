using System.Text.Json;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Reads a request file: the requests to measure an app's own API with, one cell each.
/// <code>
/// {"requests": [
///   {"path": "/items"},
///   {"method": "POST", "path": "/items", "headers": {"Content-Type": "application/json"}, "body": {"name": "pen"}},
///   {"name": "rename item 1", "method": "PUT", "path": "/items/1", "body": "{\"name\": \"ink\"}"}
/// ]}
/// </code>
/// A body given as JSON (object, list, number) is sent as its JSON text, with <c>Content-Type: application/json</c>
/// unless the entry names another. Every mistake is one line with the file, line and column.
/// </summary>
public static class RequestFile
{
    private static readonly string[] Fields = ["name", "method", "path", "headers", "body"];

    /// <summary>The requests of <paramref name="file"/>, in file order.</summary>
    public static IReadOnlyList<EndpointRequest> Load(string file)
    {
        var (source, document) = JsonSource.Read(file, "the request file");
        using (document)
        {
            var entries = source.Entries(document, "requests", "the request file");
            if (entries.Count == 0) throw source.Error("$", "the request file lists no requests; give at least one {\"path\": \"/...\"}.");
            var requests = new List<EndpointRequest>(entries.Count);
            var labels = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (entry, path) in entries)
            {
                source.OnlyKnown(entry, path, Fields);
                var method = (source.String(entry, path, "method") ?? "GET").Trim().ToUpperInvariant();
                if (method.Length == 0 || method.Any(c => c is <= ' ' or >= (char)127 or '(' or ')' or '<' or '>' or '@' or ',' or ';' or ':' or '"' or '/' or '[' or ']' or '?' or '=' or '{' or '}'))
                    throw source.Error($"{path}.method", $"\"method\" '{method}' is not an HTTP method; use GET, POST, PUT, PATCH, DELETE, ...");
                var target = source.String(entry, path, "path", required: true)!;
                if (!target.StartsWith('/') || target.Any(c => c is <= ' ' or >= (char)127))
                    throw source.Error($"{path}.path", $"\"path\" '{target}' must start with / and hold no spaces (encode them as %20).");
                var headers = new Dictionary<string, string>(source.StringMap(entry, path, "headers") ?? new Dictionary<string, string>(), StringComparer.Ordinal);
                foreach (var (name, value) in headers)
                {
                    if (name.Length == 0 || name.Any(c => c is <= ' ' or >= (char)127 or ':'))
                        throw source.Error($"{path}.headers.{name}", $"header name '{name}' is not a token; use letters, digits and dashes.");
                    if (value.Any(c => c is '\r' or '\n'))
                        throw source.Error($"{path}.headers.{name}", $"header '{name}' holds a line break.");
                }
                string? body = null;
                if (entry.TryGetProperty("body", out var b) && b.ValueKind != JsonValueKind.Null)
                {
                    if (b.ValueKind == JsonValueKind.String)
                    {
                        body = b.GetString();
                    }
                    else
                    {
                        body = b.GetRawText();
                        if (!headers.Keys.Any(k => k.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
                            headers["Content-Type"] = "application/json";
                    }
                }
                var request = new EndpointRequest { Name = source.String(entry, path, "name"), Method = method, Path = target, Headers = headers, Body = body };
                if (!labels.Add(request.Label))
                    throw source.Error(path, $"two requests are named '{request.Label}'; give one a \"name\" of its own.");
                requests.Add(request);
            }
            return requests;
        }
    }
}
