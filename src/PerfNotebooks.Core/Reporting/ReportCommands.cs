namespace PerfNotebooks.Reporting;

/// <summary>
/// The commands a report names for its reader (finish an unfinished run, measure its preset again, render it again),
/// in the words of the front end that writes it: the core names none. Without them a report says what to do in
/// plain words.
/// </summary>
public sealed record ReportCommands
{
    /// <summary>The command that finishes run <c>id</c>.</summary>
    public required Func<string, string> Resume { get; init; }

    /// <summary>The command that measures preset <c>name</c> again.</summary>
    public required Func<string, string> RunPreset { get; init; }

    /// <summary>The command that renders run <c>id</c> as HTML again.</summary>
    public required Func<string, string> RenderHtml { get; init; }

    /// <summary>The command that renders run <c>id</c> as Markdown again.</summary>
    public required Func<string, string> RenderMarkdown { get; init; }
}
