namespace PerfNotebooks.Cli;

/// <summary>What <c>perfnb report --format</c> writes.</summary>
internal enum ReportFormat
{
    /// <summary>report.html: one self-contained page with interactive charts.</summary>
    Html,

    /// <summary>report.md with its charts as SVG files beside it.</summary>
    Markdown,
}
