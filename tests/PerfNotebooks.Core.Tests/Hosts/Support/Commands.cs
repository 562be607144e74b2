using System.Diagnostics;

namespace PerfNotebooks.Core.Tests.Hosts.Support;

/// <summary>Runs short set-up commands (ip, ssh-keygen, kill) to their end, with a timeout.</summary>
internal static class Commands
{
    /// <summary>Runs and returns stdout; a non-zero exit throws with the command and its stderr.</summary>
    public static string Run(string file, params string[] args)
    {
        var (code, stdout, stderr) = TryRun(file, args);
        if (code != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {code}: {stderr.Trim()}");
        return stdout;
    }

    /// <summary>Runs and returns exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) TryRun(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within 30 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
