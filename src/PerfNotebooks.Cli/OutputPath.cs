namespace PerfNotebooks.Cli;

/// <summary>
/// Checks a file an option asks to write, before any work: a folder that does not exist or cannot be written
/// is a one-line mistake up front, not an exception after a measurement (which it would lose).
/// </summary>
internal static class OutputPath
{
    /// <summary>Throws a one-line <see cref="PerfNotebooksException"/> naming <paramref name="option"/> unless <paramref name="path"/> can be written.</summary>
    public static void EnsureWritable(string? path, string option)
    {
        if (path is null) return;
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new PerfNotebooksException($"{option} '{path}' is not a file path ({e.Message.TrimEnd('.')}).");
        }
        if (Directory.Exists(full)) throw new PerfNotebooksException($"{option} '{path}' is a folder; give a file name in it.");
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new PerfNotebooksException($"{option} '{path}': the folder {folder} does not exist; create it or give another path.");
        var probe = Path.Combine(folder, ".perfnb-write-test-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PerfNotebooksException($"{option} '{path}': cannot write in {folder} ({e.Message.ReplaceLineEndings(" ").TrimEnd('.')}).");
        }
    }
}
