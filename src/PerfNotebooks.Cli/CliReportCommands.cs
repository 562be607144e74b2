using PerfNotebooks.Reporting;

namespace PerfNotebooks.Cli;

/// <summary>The perfnb commands a report written by perfnb names for its reader.</summary>
internal static class CliReportCommands
{
    public static ReportCommands Instance { get; } = new()
    {
        Resume = id => $"perfnb compare --resume {id}",
        RunPreset = name => $"perfnb compare --preset {name}",
        RenderHtml = id => $"perfnb report {id}",
        RenderMarkdown = id => $"perfnb report {id} --format md",
    };
}
