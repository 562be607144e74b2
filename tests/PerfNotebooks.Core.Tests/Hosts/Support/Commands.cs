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
        var run = ProgramRun.RunAsync(ProgramRun.Start(file, args), timeout).GetAwaiter().GetResult();
        return (run.ExitCode, run.Stdout, run.Stderr);
    }
}
