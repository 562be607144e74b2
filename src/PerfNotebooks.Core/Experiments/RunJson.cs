using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfNotebooks.Experiments;

/// <summary>The JSON settings of run.json: camelCase, indented, enums by name, so people can read it too.</summary>
public static class RunJson
{
    /// <summary>The options run.json is written and read with.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
