using System.Diagnostics;

namespace PerfNotebooks.Cli.Tests.Load;

/// <summary>Runs the real perfnb.dll for the load specs, with a timeout and a check that it is gone afterwards.</summary>
internal static class PerfnbLoadRun
{
    /// <summary>Runs perfnb.dll (optionally behind <paramref name="wrapper"/>) with one extra environment variable.</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync((string Name, string Value)? environment, string[]? wrapper, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "perfnb.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var command = new List<string>(wrapper ?? []) { dotnet, dll };
        command.AddRange(args);
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in command.Skip(1)) start.ArgumentList.Add(a);
        start.Environment.Remove("PERFNB_LOAD_BACKEND");
        if (environment is { } variable) start.Environment[variable.Name] = variable.Value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var result = (process.ExitCode, await stdout, await stderr);
        Assert.False(Directory.Exists($"/proc/{process.Id}") && !File.ReadAllText($"/proc/{process.Id}/stat").Contains(") Z "), $"perfnb (PID {process.Id}) is still running");
        return result;
    }
}
