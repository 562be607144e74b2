using System.Text;

namespace PerfNotebooks.Hosts;

/// <summary>
/// Quotes words for a POSIX shell. ssh joins its remote arguments with spaces and hands the line to the
/// remote user's shell, so every word we send is single-quoted (a single quote inside becomes '\'').
/// </summary>
internal static class ShellQuote
{
    /// <summary>One word, quoted unless it is made only of characters no shell treats specially.</summary>
    public static string Word(string word)
    {
        if (word.Length > 0 && word.All(IsPlain)) return word;
        var builder = new StringBuilder(word.Length + 2).Append('\'');
        foreach (var c in word)
        {
            if (c == '\'') builder.Append("'\\''");
            else builder.Append(c);
        }
        return builder.Append('\'').ToString();
    }

    /// <summary>Words quoted and joined with spaces: a command line the remote shell splits back into exactly these words.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Word));

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':' or '=' or '@' or ',' or '+' or '%';
}
