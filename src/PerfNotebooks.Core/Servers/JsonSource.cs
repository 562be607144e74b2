using System.Text;
using System.Text.Json;

namespace PerfNotebooks.Servers;

/// <summary>
/// A JSON file people write by hand (a stack file, a request file), read so that every mistake can be named by
/// file, line and column: syntax errors with the parser's position, and errors found later (a missing field, a
/// value out of range) with the position of the value at fault. Comments and trailing commas are accepted.
/// </summary>
internal sealed class JsonSource
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private readonly byte[] _bytes;
    private readonly Dictionary<string, long> _positions = new(StringComparer.Ordinal);

    private JsonSource(string file, byte[] bytes)
    {
        File = file;
        _bytes = bytes;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>Reads and parses <paramref name="file"/>; a missing, unreadable or malformed file is a one-line error.</summary>
    public static (JsonSource Source, JsonDocument Document) Read(string file, string what)
    {
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PerfNotebooksException($"{what} {file} cannot be read: {e.Message}");
        }
        var source = new JsonSource(file, bytes);
        try
        {
            var document = JsonDocument.Parse(bytes, Options);
            source.MapPositions();
            return (source, document);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new PerfNotebooksException(FormattableString.Invariant($"{file}:{line}:{column}: {what} is not valid JSON: {ParserWords(e.Message)}"));
        }
    }

    /// <summary>An error at the value found at <paramref name="path"/> (<c>$.stacks[0].command</c>), or at the
    /// nearest enclosing value the file has.</summary>
    public PerfNotebooksException Error(string path, string message)
    {
        var at = path;
        long offset;
        while (!_positions.TryGetValue(at, out offset))
        {
            var cut = Math.Max(at.LastIndexOf('.'), at.LastIndexOf('['));
            if (cut <= 0) { offset = 0; break; }
            at = at[..cut];
        }
        var (line, column) = LineAndColumn(offset);
        return new PerfNotebooksException(FormattableString.Invariant($"{File}:{line}:{column}: {message}"));
    }

    /// <summary>The entries of a list file: a top-level array, or the array under <paramref name="key"/> of a top-level object.</summary>
    public IReadOnlyList<(JsonElement Entry, string Path)> Entries(JsonDocument document, string key, string what)
    {
        var root = document.RootElement;
        string path;
        JsonElement array;
        if (root.ValueKind == JsonValueKind.Array)
        {
            (array, path) = (root, "$");
        }
        else if (root.ValueKind == JsonValueKind.Object)
        {
            OnlyKnown(root, "$", key, "$schema");
            if (!root.TryGetProperty(key, out array) || array.ValueKind != JsonValueKind.Array)
                throw Error($"$.{key}", $"{what} needs a \"{key}\" list: {{\"{key}\": [ ... ]}}.");
            path = $"$.{key}";
        }
        else
        {
            throw Error("$", $"{what} must be {{\"{key}\": [ ... ]}} (or a list), not {Describe(root)}.");
        }
        var entries = new List<(JsonElement, string)>();
        var i = 0;
        foreach (var entry in array.EnumerateArray())
        {
            var at = FormattableString.Invariant($"{path}[{i++}]");
            if (entry.ValueKind != JsonValueKind.Object) throw Error(at, $"each entry of {what} must be an object {{ ... }}, not {Describe(entry)}.");
            entries.Add((entry, at));
        }
        return entries;
    }

    /// <summary>Refuses a property not in <paramref name="known"/> (a typo would otherwise be ignored silently).</summary>
    public void OnlyKnown(JsonElement obj, string path, params string[] known)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (known.Contains(p.Name, StringComparer.Ordinal)) continue;
            var nearest = EditDistance.Nearest(p.Name, known);
            throw Error($"{path}.{p.Name}", $"unknown field \"{p.Name}\".{(nearest is null ? "" : $" Did you mean \"{nearest}\"?")} Known: {string.Join(", ", known.Where(k => k != "$schema"))}.");
        }
    }

    /// <summary>A string field; null when absent (or an error when <paramref name="required"/>).</summary>
    public string? String(JsonElement obj, string path, string name, bool required = false)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return required ? throw Error(path, $"\"{name}\" is missing.") : null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Error($"{path}.{name}", $"\"{name}\" must be a string, not {Describe(value)}.");
    }

    /// <summary>A whole-number field from <paramref name="min"/> to <paramref name="max"/>; null when absent.</summary>
    public int? Int(JsonElement obj, string path, string name, int min, int max)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max) return n;
        throw Error($"{path}.{name}", FormattableString.Invariant($"\"{name}\" must be a whole number from {min} to {max}, not {Describe(value)}."));
    }

    /// <summary>A list-of-strings field; null when absent.</summary>
    public IReadOnlyList<string>? Strings(JsonElement obj, string path, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Array)
            throw Error($"{path}.{name}", $"\"{name}\" must be a list of strings [\"...\", ...], not {Describe(value)}.");
        var items = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw Error(FormattableString.Invariant($"{path}.{name}[{i}]"), $"\"{name}\" must hold strings only, not {Describe(item)}.");
            items.Add(item.GetString()!);
            i++;
        }
        return items;
    }

    /// <summary>A string-to-string object field (environment, headers); null when absent. Numbers and booleans are
    /// taken as their JSON text (an environment value of 1 means "1").</summary>
    public IReadOnlyDictionary<string, string>? StringMap(JsonElement obj, string path, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object)
            throw Error($"{path}.{name}", $"\"{name}\" must be an object {{\"NAME\": \"value\", ...}}, not {Describe(value)}.");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in value.EnumerateObject())
        {
            map[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                _ => throw Error($"{path}.{name}.{p.Name}", $"\"{p.Name}\" must be a string, not {Describe(p.Value)}."),
            };
        }
        return map;
    }

    /// <summary>How a value looks, for messages: <c>a number (3)</c>, <c>a list</c>, <c>null</c>.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string \"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private (int Line, int Column) LineAndColumn(long offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < _bytes.Length; i++)
        {
            if (_bytes[i] != (byte)'\n') continue;
            line++;
            lineStart = i + 1;
        }
        var column = Encoding.UTF8.GetCharCount(_bytes, lineStart, (int)Math.Max(0, offset - lineStart)) + 1;
        return (line, column);
    }

    /// <summary>Records where each value starts (for an object's member, where its name starts), by its path,
    /// walking the tokens once.</summary>
    private void MapPositions()
    {
        var reader = new Utf8JsonReader(_bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        // Each open container: its path, and for arrays the index of the next element (-1 for objects).
        var stack = new Stack<(string Path, int Next)>();
        string? property = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                // A member is found by its name: "workers": 0 is pointed at where "workers" starts.
                property = reader.GetString();
                _positions.TryAdd($"{stack.Peek().Path}.{property}", reader.TokenStartIndex);
                continue;
            }
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                stack.Pop();
                continue;
            }
            string path;
            if (stack.Count == 0) path = "$";
            else if (stack.Peek().Next < 0) path = $"{stack.Peek().Path}.{property}";
            else
            {
                var (parent, next) = stack.Pop();
                path = FormattableString.Invariant($"{parent}[{next}]");
                stack.Push((parent, next + 1));
            }
            _positions.TryAdd(path, reader.TokenStartIndex);
            if (reader.TokenType == JsonTokenType.StartObject) stack.Push((path, -1));
            else if (reader.TokenType == JsonTokenType.StartArray) stack.Push((path, 0));
        }
    }

    /// <summary>The parser's message without its own position suffix (the file:line:column prefix says it).</summary>
    private static string ParserWords(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var words = (cut < 0 ? message : message[..cut]).Trim();
        return words.EndsWith('.') ? words[..^1] + "." : words + ".";
    }
}
