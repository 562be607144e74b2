namespace PerfNotebooks.Testing;

/// <summary>The checkout these tests run in, found upward from the test assembly.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    /// <summary>notebooks/: the committed notebooks.</summary>
    public static string Notebooks => System.IO.Path.Combine(Path, "notebooks");

    /// <summary>data/runs/seed-reference: a real stored run of the seed preset (3 repetitions).</summary>
    public static string SeedReference => System.IO.Path.Combine(Path, "data", "runs", "seed-reference");

    /// <summary>A copy of a stored run in <paramref name="root"/>, so a test can write into it.</summary>
    public static string CopyRun(string run, string root)
    {
        var target = System.IO.Path.Combine(root, System.IO.Path.GetFileName(run));
        foreach (var file in Directory.EnumerateFiles(run, "*", SearchOption.AllDirectories))
        {
            var to = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(run, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PerfNotebooks.sln"))) return dir.FullName;
        throw new InvalidOperationException("PerfNotebooks.sln not found above " + AppContext.BaseDirectory);
    }
}
