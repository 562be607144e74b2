namespace PerfNotebooks.Examples.Tests;

/// <summary>
/// One <c>dotnet run examples/NAME.cs -- ARGS</c> in quick mode (PERFNB_QUICK=1), to its end: exit code and output.
/// A marker variable its servers inherit lets a test check that none outlives it; no build server is left behind.
/// </summary>
internal static class ExampleRun
{
    public static async Task<(int Code, string Output)> RunAsync(string example, string marker, TimeSpan timeout, params string[] args)
    {
        var start = ProgramRun.Start("dotnet", ["run", Path.Combine(RepoRoot.Path, "examples", example), .. args.Length > 0 ? ["--", .. args] : Array.Empty<string>()],
            Path.GetTempPath());
        start.Environment["PERFNB_QUICK"] = "1";
        start.Environment[MarkedProcesses.Variable] = marker;
        // The build `dotnet run` does first must not leave MSBuild or compiler servers running with the marker.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        var run = await ProgramRun.RunAsync(start, timeout);
        return (run.ExitCode, run.Output);
    }

    /// <summary>Live server processes (PERFNB_SERVER=1) that carry <paramref name="marker"/>.</summary>
    public static List<int> Servers(string marker) => MarkedProcesses.Servers(marker);
}
