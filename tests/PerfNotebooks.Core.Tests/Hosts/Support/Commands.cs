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

    /// <summary>Runs and returns exit code, stdout and stderr (30 s at most).</summary>
    public static (int ExitCode, string Stdout, string Stderr) TryRun(string file, params string[] args)
        => TryRun(TimeSpan.FromSeconds(30), file, args);

    /// <summary>Runs and returns exit code, stdout and stderr; past <paramref name="timeout"/> the process tree is killed and this throws.</summary>
    public static (int ExitCode, string Stdout, string Stderr) TryRun(TimeSpan timeout, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
