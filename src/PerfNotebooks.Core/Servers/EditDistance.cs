namespace PerfNotebooks.Servers;

/// <summary>Levenshtein distance, to suggest what a user probably meant (a stack, an option, a command).</summary>
public static class EditDistance
{
    /// <summary>The number of single-character edits that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Between(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The closest candidate, or null when none is close enough to be a plausible typo.
    /// A candidate that contains the input (or the reverse) counts as close: "uvicorn" suggests a uvicorn stack.</summary>
    public static string? Nearest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Between(input, c);
            if (input.Length >= 3 && (c.Contains(input, StringComparison.Ordinal) || input.Contains(c, StringComparison.Ordinal)))
                d = Math.Min(d, Math.Abs(c.Length - input.Length) / 2);
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        return best is not null && bestDistance <= Math.Max(3, input.Length / 2) ? best : null;
    }
}
