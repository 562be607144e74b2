using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Backends;

/// <summary>Creates and fills the workloads' tables by running perfnb_db.py seed (the apps' own Python, so the
/// schema is defined once, beside the queries), and reads the database's version.</summary>
internal static class DatabaseSeeder
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Seeds the database <paramref name="environment"/> points at; returns its version (e.g. <c>SQLite 3.40.1</c>).</summary>
    public static async Task<string> SeedAsync(string python, IReadOnlyDictionary<string, string> environment, string what, CancellationToken cancellationToken)
    {
        BufferedCommandResult result;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            result = await Cli.Wrap(python)
                .WithArguments([Path.Combine(PythonApps.Directory, "perfnb_db.py"), "seed"])
                .WithWorkingDirectory(PythonApps.Directory)
                .WithEnvironmentVariables(e =>
                {
                    foreach (var (k, v) in environment) e.Set(k, v);
                    e.Set("PYTHONPATH", LaunchPlanner.PythonPath([PythonApps.Directory])).Set("PERFNB_SERVER", "1");
                })
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PerfNotebooksException($"{what}: seeding did not finish within {Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PerfNotebooksException($"{what}: {python} cannot run to seed it ({e.Message}).");
        }
        if (result.ExitCode != 0)
            throw new PerfNotebooksException($"{what}: seeding failed (exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}): {LastLine(result.StandardError)}");
        var version = result.StandardOutput.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("version ", StringComparison.Ordinal));
        return version?["version ".Length..] ?? "unknown";
    }

    internal static string LastLine(string text)
        => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no output)";
}
