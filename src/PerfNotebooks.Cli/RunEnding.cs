using System.Globalization;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Cli;

/// <summary>
/// How <c>perfnb compare</c> and <c>perfnb report</c> end: the run's conclusions computed once and
/// written (verdicts.csv, claims.csv, and report.html unless told not to), then the terminal summary
/// (unless quiet), then the paths, then <c>--open</c>.
/// </summary>
internal static class RunEnding
{
    public sealed record Options
    {
        public EquivalenceBand Band { get; init; } = EquivalenceBand.Default;
        public bool WriteReport { get; init; } = true;

        /// <summary>report.html (default) or the Markdown write-up.</summary>
        public ReportFormat Format { get; init; } = ReportFormat.Html;

        /// <summary>Where the report goes; null: into the run folder.</summary>
        public string? ReportPath { get; init; }

        public bool Summary { get; init; } = true;
        public bool Open { get; init; }
    }

    /// <summary>Writes the conclusions and the report, prints what was asked; returns the report's path (null when not written).</summary>
    public static string? Finish(RunRecord run, Options options, TextWriter output, IEnumerable<string>? pathLines = null)
    {
        var analysis = RunAnalysis.Of(run);
        RunConclusions conclusions;
        try
        {
            conclusions = RunConclusions.Store(analysis, options.Band);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PerfNotebooksException($"cannot write {RunFiles.Verdicts} and {RunFiles.Claims} into '{run.Directory}': {e.Message}", e);
        }
        string? report = null;
        if (options.WriteReport)
        {
            try
            {
                report = options.Format == ReportFormat.Markdown
                    ? MarkdownReport.Write(analysis, conclusions, options.ReportPath, CliReportCommands.Instance)
                    : HtmlReport.Write(analysis, conclusions, options.ReportPath, CliReportCommands.Instance);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PerfNotebooksException($"cannot write the report to '{options.ReportPath ?? run.Directory}': {e.Message}", e);
            }
        }
        if (options.Summary)
        {
            output.Write(RunSummary.Render(conclusions, TerminalStyle.ForStandardOutput()) + "\n");
            // A stored run read again (perfnb report --summary) says its failed cells too: the verdicts above leave them out.
            var failed = run.Results.Where(r => r.Failed).Select(r => r.Cell.Id).ToList();
            if (failed.Count > 0)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Left out of the verdicts: {failed.Count} failed cell(s): {string.Join(", ", failed.Take(10))}{(failed.Count > 10 ? " ..." : "")} (reasons in {RunFiles.Results})\n"));
        }
        foreach (var line in pathLines ?? []) output.WriteLine(line);
        if (report is not null) output.WriteLine($"perfnb: report: {report}");
        output.WriteLine($"perfnb: verdicts: {Path.Combine(run.Directory, RunFiles.Verdicts)}");
        output.WriteLine($"perfnb: claims: {Path.Combine(run.Directory, RunFiles.Claims)}");
        if (options.Open && report is not null) output.WriteLine(ReportOpener.Open(report));
        return report;
    }
}
