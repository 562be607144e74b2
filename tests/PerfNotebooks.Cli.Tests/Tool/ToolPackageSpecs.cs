namespace PerfNotebooks.Cli.Tests.Tool;

/// <summary>
/// perfnb as a .NET tool: packed, installed into a temporary --tool-path, run from a folder outside the clone,
/// where it must find the Python apps it carries (a real server starts from them).
/// </summary>
public sealed class ToolPackageSpecs : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("perfnb-tool-").FullName;
    private readonly string _version = "0.1.0-test." + Guid.NewGuid().ToString("N")[..12];
    private readonly string _marker = Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        MarkedProcesses.KillAll(_marker);
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        // A test version must not linger in the NuGet cache.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        try { Directory.Delete(Path.Combine(cache, "perfnotebooks.cli", _version), recursive: true); } catch (DirectoryNotFoundException) { } catch (IOException) { }
    }

    [Fact(Timeout = 600_000)]
    public async Task The_tool_installs_into_a_tool_path_and_runs_outside_the_clone_with_its_python_apps()
    {
        var packages = Path.Combine(_root, "packages");
        var tools = Path.Combine(_root, "tools");
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "work")).FullName;

        var pack = await RunAsync("dotnet", RepoRoot.Path, TimeSpan.FromMinutes(5), "pack", Path.Combine(RepoRoot.Path, "src", "PerfNotebooks.Cli"), "-c", "Release", "-nologo", "--disable-build-servers",
            "-o", packages, $"-p:PackageVersion={_version}");
        Assert.True(pack.Code == 0, pack.Output);
        var install = await RunAsync("dotnet", elsewhere, TimeSpan.FromMinutes(3), "tool", "install", "--tool-path", tools, "--add-source", packages, "PerfNotebooks.Cli", "--version", _version);
        Assert.True(install.Code == 0, install.Output);
        var perfnb = Path.Combine(tools, "perfnb");
        Assert.True(File.Exists(perfnb));

        var servers = await RunAsync(perfnb, elsewhere, TimeSpan.FromMinutes(1), "servers");
        Assert.True(servers.Code == 0, servers.Output);
        Assert.Contains("flask-gunicorn", servers.Output);
        Assert.Contains("yes:", servers.Output);

        // A real server, started from the Python apps inside the installed tool, measured for a moment.
        var compare = await RunAsync(perfnb, elsewhere, TimeSpan.FromMinutes(3), "compare", "--stacks", "wsgi-gunicorn", "--endpoints", "/plaintext", "-c", "2",
            "--duration", "500ms", "--warmup", "100ms", "--reps", "1", "--out", Path.Combine(elsewhere, "runs"), "--no-report");
        Assert.True(compare.Code == 0, compare.Output);
        Assert.Contains("measured 1 cells", compare.Output);
        Assert.DoesNotContain("start-failed", compare.Output);
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
    }

    /// <summary>Runs a command to its end. perfnb runs carry the test's marker (its servers inherit it); the build tools do not.</summary>
    private async Task<(int Code, string Output)> RunAsync(string file, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = ProgramRun.Start(file, args, workingDirectory);
        if (!file.EndsWith("dotnet", StringComparison.Ordinal)) start.Environment[MarkedProcesses.Variable] = _marker;
        var run = await ProgramRun.RunAsync(start, timeout);
        return (run.ExitCode, run.Output);
    }

}
