namespace PerfNotebooks.Cli;

/// <summary>
/// Colour for text the user reads in a terminal: only when stdout is a terminal, NO_COLOR is not set
/// (https://no-color.org: any non-empty value turns colour off) and TERM is not "dumb". Widths are
/// always measured on the plain text; escape codes are added last.
/// </summary>
internal sealed record TerminalStyle(bool Colour)
{
    public static TerminalStyle Plain { get; } = new(false);

    public static TerminalStyle ForStandardOutput()
        => new(!Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") is not "dumb");

    public string Bold(string text) => Wrap(text, "1");
    public string Dim(string text) => Wrap(text, "2");
    public string Green(string text) => Wrap(text, "32");
    public string Yellow(string text) => Wrap(text, "33");
    public string Red(string text) => Wrap(text, "31");
    public string Cyan(string text) => Wrap(text, "36");

    private string Wrap(string text, string code) => Colour && text.Length > 0 ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
