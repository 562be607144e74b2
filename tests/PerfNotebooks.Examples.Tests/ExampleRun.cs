using System.Diagnostics;

namespace PerfNotebooks.Examples.Tests;

/// <summary>
/// One <c>dotnet run examples/NAME.cs -- ARGS</c> in quick mode (PERFNB_QUICK=1), to its end: exit code and output.
/// A marker variable its servers inherit lets a test check that none outlives it; no build server is left behind.
/// </summary>
internal static class ExampleRun
{
    public static async Task<(int Code, string Output)> RunAsync(string example, string marker, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetTempPath(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("run");
        psi.ArgumentList.Add(Path.Combine(Repo.Root, "examples", example));
        if (args.Length > 0) psi.ArgumentList.Add("--");
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["PERFNB_QUICK"] = "1";
        psi.Environment["PERFNB_TEST_MARK"] = marker;
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        // The build `dotnet run` does first must not leave MSBuild or compiler servers running with the marker.
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        psi.Environment["UseSharedCompilation"] = "false";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet run did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"dotnet run {example} (pid {process.Id}) did not finish within {timeout.TotalSeconds} s");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Live server processes (PERFNB_SERVER=1) that carry <paramref name="marker"/>.</summary>
    public static List<int> Servers(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var environ = File.ReadAllText(Path.Combine(dir, "environ")).Split('\0');
                if (environ.Contains("PERFNB_TEST_MARK=" + marker) && environ.Contains("PERFNB_SERVER=1")) found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }
}
