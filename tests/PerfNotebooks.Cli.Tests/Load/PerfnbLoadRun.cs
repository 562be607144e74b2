namespace PerfNotebooks.Cli.Tests.Load;

/// <summary>Runs the real perfnb.dll for the load specs, with a timeout and a check that it is gone afterwards.</summary>
internal static class PerfnbLoadRun
{
    /// <summary>Runs perfnb.dll (optionally behind <paramref name="wrapper"/>) with one extra environment variable.</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync((string Name, string Value)? environment, string[]? wrapper, params string[] args)
    {
        Assert.True(File.Exists(Perfnb.Dll), $"{Perfnb.Dll} is missing");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        string[] command = [.. wrapper ?? [], dotnet, Perfnb.Dll, .. args];
        var start = ProgramRun.Start(command[0], command[1..]);
        start.Environment.Remove("PERFNB_LOAD_BACKEND");
        if (environment is { } variable) start.Environment[variable.Name] = variable.Value;
        var run = await ProgramRun.RunAsync(start, TimeSpan.FromSeconds(45));
        Assert.False(ProcessTable.IsAlive(run.Pid), $"perfnb (PID {run.Pid}) is still running");
        return (run.ExitCode, run.Stdout, run.Stderr);
    }
}
