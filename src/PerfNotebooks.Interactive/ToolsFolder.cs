namespace PerfNotebooks.Interactive;

/// <summary>
/// Finds the <c>perfnb/</c> folder that travels with the extension: the perfnb CLI build (the out-of-process
/// load runner) and the Plotly host. In the package it sits at the package root, two levels above
/// <c>interactive-extensions/dotnet</c>; in a build output (tests) it sits next to the extension assembly.
/// </summary>
internal static class ToolsFolder
{
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The folder, or null when neither layout is present.</summary>
    public static string? Path => Found.Value;

    /// <summary>perfnb.dll inside the folder, or null.</summary>
    public static string? PerfnbDll => Path is { } p && File.Exists(System.IO.Path.Combine(p, "perfnb.dll")) ? System.IO.Path.Combine(p, "perfnb.dll") : null;

    private static string? Find()
    {
        var here = System.IO.Path.GetDirectoryName(typeof(ToolsFolder).Assembly.Location) ?? AppContext.BaseDirectory;
        string[] candidates =
        [
            System.IO.Path.Combine(here, "perfnb"),
            System.IO.Path.GetFullPath(System.IO.Path.Combine(here, "..", "..", "perfnb")),
        ];
        return candidates.FirstOrDefault(Directory.Exists);
    }
}
