namespace PerfNotebooks.Servers;

/// <summary>Where the Python apps are: the python/ folder the Core project copies next to its assembly.</summary>
internal static class PythonApps
{
    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        // Beside the Core assembly first (a notebook loads it from a package folder), then beside the program.
        var location = typeof(PythonApps).Assembly.Location;
        if (location.Length > 0)
        {
            var beside = Path.Combine(Path.GetDirectoryName(location)!, "python");
            if (System.IO.Directory.Exists(beside)) return beside;
        }
        return Path.Combine(AppContext.BaseDirectory, "python");
    }
}
