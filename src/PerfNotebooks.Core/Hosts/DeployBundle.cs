using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PerfNotebooks.Hosts;

/// <summary>
/// What is copied to every host: a folder holding the self-contained single-file <c>perfnb</c> (linux-x64)
/// and the Python apps beside it (<c>python/</c>), identified by a sha256 over its files. The remote folder
/// is named <see cref="FolderName"/> (version and hash), so two builds never share one and an unchanged
/// build is found again. <see cref="Manifest"/> is in sha256sum's format: the host checks the copy with
/// <c>sha256sum -c</c>.
/// </summary>
public sealed partial record DeployBundle
{
    /// <summary>The manifest's name inside the bundle and the remote folder.</summary>
    public const string ManifestFile = "MANIFEST.sha256";

    /// <summary>The program's name inside the bundle.</summary>
    public const string ExecutableName = "perfnb";

    /// <summary>The local folder.</summary>
    public required string Directory { get; init; }

    /// <summary>The toolkit version, reduced to characters safe in a folder name (no build metadata).</summary>
    public required string Version { get; init; }

    /// <summary>sha256 (hex) of <see cref="Manifest"/>: it changes when any file's content or name does.</summary>
    public required string Hash { get; init; }

    /// <summary>"SHA256  relative/path" per file, sorted by path.</summary>
    public required string Manifest { get; init; }

    /// <summary>Total bytes of the bundle's files.</summary>
    public long Bytes { get; init; }

    /// <summary>The remote folder's name: VERSION-HASH (the hash's first 16 hex digits).</summary>
    public string FolderName => Version + "-" + Hash[..16];

    /// <summary>Reads a bundle folder: it must hold <see cref="ExecutableName"/> and a python/ folder.</summary>
    public static DeployBundle FromDirectory(string directory, string? version = null)
    {
        var root = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(root, ExecutableName)) || !System.IO.Directory.Exists(Path.Combine(root, "python")))
            throw new PerfNotebooksException($"{root} is not a perfnb bundle: it needs the single-file '{ExecutableName}' and a python/ folder beside it.");
        var manifest = new StringBuilder();
        long bytes = 0;
        foreach (var file in Files(root))
        {
            using var stream = File.OpenRead(Path.Combine(root, file));
            bytes += stream.Length;
            manifest.Append(Convert.ToHexStringLower(SHA256.HashData(stream))).Append("  ").Append(file).Append('\n');
        }
        var text = manifest.ToString();
        return new DeployBundle
        {
            Directory = root,
            Version = SafeVersion(version ?? Toolkit.Version),
            Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
            Manifest = text,
            Bytes = bytes,
        };
    }

    /// <summary>Writes the bundle as a tar archive (file modes kept, the manifest added at its root).</summary>
    public async Task WriteArchiveAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        await using var _ = writer.ConfigureAwait(false);
        foreach (var file in Files(Directory))
            await writer.WriteEntryAsync(Path.Combine(Directory, file), file, cancellationToken).ConfigureAwait(false);
        var manifest = new PaxTarEntry(TarEntryType.RegularFile, ManifestFile)
        {
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(Manifest)),
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        };
        await writer.WriteEntryAsync(manifest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Relative paths ('/'-separated) of every file but the manifest, sorted ordinally so the hash is stable.</summary>
    private static IEnumerable<string> Files(string root)
        => System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != ManifestFile && !f.Contains("__pycache__", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string SafeVersion(string version)
    {
        var plain = version.Split('+')[0];
        var safe = Unsafe().Replace(plain, "_");
        return safe.Length == 0 ? "0" : safe;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex Unsafe();
}
