using System.Globalization;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Cli;

/// <summary>
/// The end of <c>perfnb compare</c> when cells failed: one line on stderr naming them and how to retry them,
/// and exit code 1 (after everything measured was stored and the report written), so a script can tell.
/// </summary>
internal static class FailedCellsSummary
{
    /// <summary>Exit code of a comparison in which a cell failed to start or to measure.</summary>
    public const int ExitCode = 1;

    private const int NamedAtMost = 10;

    /// <summary>Prints the line and returns <see cref="ExitCode"/> when a cell of the run failed; returns 0 otherwise.</summary>
    public static int Report(RunSession session, string resumeCommand)
    {
        var failed = session.Results.Where(r => r.Failed).Select(r => r.Cell.Id).ToList();
        if (failed.Count == 0) return 0;
        var named = string.Join(", ", failed.Take(NamedAtMost))
                    + (failed.Count > NamedAtMost ? string.Create(CultureInfo.InvariantCulture, $" and {failed.Count - NamedAtMost} more") : "");
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"perfnb: {failed.Count} of {session.Info.Plan.Cells().Count} cells failed: {named} (reasons in {RunFiles.Results}); everything else is stored. Retry them with: {resumeCommand}"));
        return ExitCode;
    }
}
