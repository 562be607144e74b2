namespace PerfNotebooks.Cli.Tests.OwnApp;

/// <summary>The sample app shipped in examples/sample-app, found from the test's bin folder up to the repository.</summary>
internal static class SampleApp
{
    public static string Directory { get; } = Locate();

    public static string RequestFile => Path.Combine(Directory, "requests.json");

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", "sample-app");
            if (File.Exists(Path.Combine(dir.FullName, "PerfNotebooks.sln")) && System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"examples/sample-app not found above {AppContext.BaseDirectory}");
    }
}
