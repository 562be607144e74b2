using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfNotebooks.Interactive.Magic;

/// <summary>Parses magic-command values into typed ones; every failure is a one-line <see cref="PerfNotebooksException"/>
/// naming the option, the value and what is accepted.</summary>
internal static partial class Args
{
    private static readonly Regex Identifier = IdentifierRegex();

    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    ];

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierRegex();

    public static int? Int(string? text, string option, int min, int max)
    {
        if (text is null) return null;
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        throw new PerfNotebooksException($"{option} '{text}' is not accepted; use a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
    }

    public static double? Positive(string? text, string option)
    {
        if (text is null) return null;
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
            return value;
        throw new PerfNotebooksException($"{option} '{text}' is not accepted; use a number above 0 (requests per second).");
    }

    public static TimeSpan? Duration(string? text, string option)
        => text is null ? null : Load.Duration.Parse(text, option);

    /// <summary>A --name must be usable as a C# variable.</summary>
    public static string? VariableName(string? text)
    {
        if (text is null) return null;
        if (Identifier.IsMatch(text) && !Keywords.Contains(text)) return text;
        throw new PerfNotebooksException($"--name '{text}' is not a C# variable name; use letters, digits and _ (not starting with a digit).");
    }
}
