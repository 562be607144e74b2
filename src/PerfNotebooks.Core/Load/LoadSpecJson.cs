using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfNotebooks.Load;

/// <summary>
/// The JSON form of a <see cref="LoadSpec"/>: what a child <c>perfnb load</c> process or a load host is handed, and the
/// spec a <see cref="LoadResultJson"/> document carries back, written and read by one serializer with one set of
/// options. Every property of the record travels as it is (camelCase names; durations in seconds; the backend by its
/// <see cref="LoadBackendNames"/> name; the body in base64): a new LoadSpec property needs no code here.
/// </summary>
public static class LoadSpecJson
{
    /// <summary>The options of every load JSON document (specs and results).</summary>
    internal static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new SecondsConverter(), new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>One compact JSON object.</summary>
    public static string Write(LoadSpec spec) => JsonSerializer.Serialize(spec, Options);

    /// <summary>Reads a spec written by <see cref="Write"/> and checks it (<see cref="LoadSpecRules.Validate"/>); anything else is a <see cref="PerfNotebooksException"/>.</summary>
    public static LoadSpec Parse(string json)
    {
        var spec = Deserialize<LoadSpec>(json, "load spec");
        LoadSpecRules.Validate(spec);
        return spec;
    }

    /// <summary>Reads one document of the load JSON forms; anything else is one line naming <paramref name="what"/> was expected.</summary>
    internal static T Deserialize<T>(string json, string what) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new PerfNotebooksException($"not a {what} JSON document: it is null.");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or UriFormatException)
        {
            throw new PerfNotebooksException($"not a {what} JSON document: {e.Message}", e);
        }
    }

    /// <summary>A spec given inline, or as @FILE.</summary>
    public static LoadSpec Read(string text)
    {
        if (!text.StartsWith('@')) return Parse(text);
        var path = text[1..];
        if (!File.Exists(path)) throw new PerfNotebooksException($"load spec file '{path}' does not exist.");
        return Parse(File.ReadAllText(path));
    }

    /// <summary>A duration as a number of seconds, the unit people and scripts read.</summary>
    private sealed class SecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => TimeSpan.FromSeconds(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
            => writer.WriteNumberValue(value.TotalSeconds);
    }
}
