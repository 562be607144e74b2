using System.Text;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Writes a file through a temporary file in the same folder, flushed to disk, then renamed over the
/// target: a crash leaves either the old file or the new one, never half of one.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/> atomically: a reader sees the old file or the new one, never half of it.</summary>
    public static void WriteAllText(string path, string text) => Write(path, stream =>
    {
        var bytes = Utf8NoBom.GetBytes(text);
        stream.Write(bytes);
    });

    /// <summary>The name pattern of the temporary files: <c>.NAME.tmp-XXXXXXXX</c>.</summary>
    public const string TemporaryPattern = ".*.tmp-*";

    /// <summary>Writes what <paramref name="write"/> puts in the stream to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var tmp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".tmp-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>
    /// Deletes the temporary files a writer killed mid-write left in <paramref name="directory"/> (not below it).
    /// Only for a folder nobody else writes now: a live writer's temporary file would go too.
    /// </summary>
    public static void RemoveStale(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory, TemporaryPattern))
        {
            try { File.Delete(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }
}
