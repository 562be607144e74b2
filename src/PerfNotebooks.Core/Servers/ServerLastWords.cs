namespace PerfNotebooks.Servers;

/// <summary>
/// The line of a server's output that says why it failed: the exception line of its last Python traceback
/// (the first unindented line after "Traceback (most recent call last):"), or else the last line that
/// mentions an error. One line, short enough to print per failed cell.
/// </summary>
internal static class ServerLastWords
{
    private const int MaxLength = 300;

    public static string? Find(IReadOnlyList<string> lines)
    {
        var traceback = -1;
        for (var i = lines.Count - 1; i >= 0 && traceback < 0; i--)
            if (lines[i].TrimStart().StartsWith("Traceback (most recent call last)", StringComparison.Ordinal)) traceback = i;
        if (traceback >= 0)
        {
            for (var i = traceback + 1; i < lines.Count; i++)
            {
                var line = lines[i];
                if (line.Length > 0 && !char.IsWhiteSpace(line[0])) return Short(line);
            }
        }
        for (var i = lines.Count - 1; i >= 0; i--)
            if (lines[i].Contains("error", StringComparison.OrdinalIgnoreCase)) return Short(lines[i]);
        return null;
    }

    private static string Short(string line)
    {
        var one = line.ReplaceLineEndings(" ").Trim();
        return one.Length <= MaxLength ? one : string.Concat(one.AsSpan(0, MaxLength), "...");
    }
}
