using System.Globalization;
using System.Text;

namespace PerfNotebooks.Experiments;

/// <summary>RFC 4180 CSV: quoting where needed, numbers in invariant culture, doubles round-trippable.</summary>
internal static class Csv
{
    public static string Field(string? value)
    {
        value ??= "";
        if (value.IndexOfAny([',', '"', '\n', '\r']) < 0) return value;
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Field(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Field(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Field(double? value) => value is { } v ? Field(v) : "";

    public static string Field(bool value) => value ? "true" : "false";

    public static string Line(IEnumerable<string> fields) => string.Join(',', fields) + "\n";

    /// <summary>Parses a whole CSV text into rows of fields (quoted fields may hold commas, quotes and newlines).</summary>
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var rowHasContent = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else inQuotes = false;
                }
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"': inQuotes = true; rowHasContent = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); rowHasContent = true; break;
                case '\r': break;
                case '\n':
                    if (rowHasContent || field.Length > 0) { fields.Add(field.ToString()); rows.Add([.. fields]); }
                    fields.Clear(); field.Clear(); rowHasContent = false;
                    break;
                default: field.Append(c); rowHasContent = true; break;
            }
        }
        if (inQuotes) throw new FormatException("a quoted field is not closed");
        if (rowHasContent || field.Length > 0) { fields.Add(field.ToString()); rows.Add([.. fields]); }
        return rows;
    }
}
