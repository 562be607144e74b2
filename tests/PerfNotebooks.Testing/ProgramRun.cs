using System.Diagnostics;

namespace PerfNotebooks.Testing;

/// <summary>
/// Runs a program to its end, within a timeout: its exit code and what it wrote. On timeout its whole process tree is
/// killed and waited for, and the error names the PID.
/// </summary>
public static class ProgramRun
{
    /// <summary>What a finished program left: exit code, stdout, stderr.</summary>
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr, int Pid)
    {
        /// <summary>stdout then stderr.</summary>
        public string Output => Stdout + Stderr;
    }

    /// <summary>Starts <paramref name="start"/> (its output redirected here) and waits up to <paramref name="timeout"/> for its end.</summary>
    public static async Task<Outcome> RunAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            if (cancellationToken.IsCancellationRequested) throw;
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} (pid {process.Id}) did not finish within {timeout.TotalSeconds} s");
        }
        return new Outcome(process.ExitCode, await stdout, await stderr, process.Id);
    }

    /// <summary>A start for <paramref name="program"/> with <paramref name="arguments"/>, in <paramref name="workingDirectory"/> (null: this one).</summary>
    public static ProcessStartInfo Start(string program, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory ?? "" };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return start;
    }
}
