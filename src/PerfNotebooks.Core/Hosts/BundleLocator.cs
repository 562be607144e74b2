using System.Security.Cryptography;
using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace PerfNotebooks.Hosts;

/// <summary>
/// Finds the bundle to deploy (<see cref="DeployBundle"/>): the folder named by <see cref="BundleVariable"/>;
/// else this very program when it is itself the single-file perfnb; else a <c>dotnet publish</c> of the
/// checkout this library was built from (linux-x64, self-contained, single file), kept in a local cache
/// under a hash of the sources that went into it, so it is published once per change of the code.
/// </summary>
public static class BundleLocator
{
    /// <summary>Environment variable naming a published bundle folder (perfnb and python/).</summary>
    public const string BundleVariable = "PERFNB_BUNDLE";

    /// <summary>The bundle to deploy; publishes one first if needed (about a minute), saying so through <paramref name="note"/>.</summary>
    public static async Task<DeployBundle> LocateAsync(IProgress<string>? note = null, CancellationToken cancellationToken = default)
    {
        var named = Environment.GetEnvironmentVariable(BundleVariable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            if (!Directory.Exists(named)) throw new PerfNotebooksException($"{BundleVariable} is '{named}', which is not a folder; point it at a published perfnb bundle (perfnb and python/).");
            return DeployBundle.FromDirectory(named);
        }
        if (RunningSingleFile() is { } self) return DeployBundle.FromDirectory(self);

        var checkout = FindCheckout()
            ?? throw new PerfNotebooksException($"no perfnb bundle to deploy: this is neither a single-file perfnb nor a build from a PerfNotebooks checkout; set {BundleVariable} to a published bundle.");
        var cache = Path.Combine(LocalCacheRoot(), "bundles", SourceHash(checkout)[..16]);
        if (File.Exists(Path.Combine(cache, DeployBundle.ExecutableName))) return DeployBundle.FromDirectory(cache);

        note?.Report($"publishing perfnb for the hosts (linux-x64, self-contained, single file) into {cache}; once per change of the code");
        await PublishAsync(checkout, cache, cancellationToken).ConfigureAwait(false);
        return DeployBundle.FromDirectory(cache);
    }

    /// <summary>
    /// <c>dotnet publish</c> of the command line into <paramref name="output"/> (replaced whole), with its own
    /// intermediate folders (--artifacts-path) so a build of the checkout going on meanwhile is not disturbed.
    /// </summary>
    public static async Task PublishAsync(string checkout, string output, CancellationToken cancellationToken = default)
    {
        var work = Directory.CreateTempSubdirectory("perfnb-publish-");
        try
        {
            var staged = Path.Combine(work.FullName, "out");
            var result = await Cli.Wrap("dotnet")
                .WithArguments([
                    "publish", Path.Combine(checkout, "src", "PerfNotebooks.Cli", "PerfNotebooks.Cli.csproj"),
                    "-c", "Release", "-r", "linux-x64", "--self-contained", "true",
                    "-p:PublishSingleFile=true",
                    // The two reads of Assembly.Location fall back to AppContext.BaseDirectory, right for a single file.
                    "-p:EnableSingleFileAnalyzer=false",
                    "-p:DebugType=none", "-p:GenerateDocumentationFile=false",
                    "--artifacts-path", Path.Combine(work.FullName, "artifacts"),
                    "-o", staged, "-nologo", "-clp:ErrorsOnly",
                ])
                .WithWorkingDirectory(checkout)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0 || !File.Exists(Path.Combine(staged, DeployBundle.ExecutableName)))
            {
                var lines = (result.StandardOutput + "\n" + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                throw new PerfNotebooksException($"publishing perfnb for the hosts failed (dotnet publish exit code {result.ExitCode}): {lines.LastOrDefault() ?? "no output"}");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            var old = output + ".old-" + Guid.NewGuid().ToString("N")[..8];
            if (Directory.Exists(output)) Directory.Move(output, old);
            Directory.Move(staged, output);
            if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        }
        finally
        {
            try { work.Delete(recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>The checkout this library was built in (the folder holding src/PerfNotebooks.Cli), or null.</summary>
    public static string? FindCheckout()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(BundleLocator).Assembly.Location) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "src", "PerfNotebooks.Cli", "PerfNotebooks.Cli.csproj"))) return dir.FullName;
        }
        return null;
    }

    /// <summary>This machine's cache: $XDG_CACHE_HOME/perfnb or ~/.cache/perfnb.</summary>
    public static string LocalCacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "perfnb");
    }

    /// <summary>sha256 over the names and contents of everything a publish reads: Core, Cli, the Python apps, the build props.</summary>
    internal static string SourceHash(string checkout)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = new[] { "src/PerfNotebooks.Core", "src/PerfNotebooks.Cli", "src/python" }
            .Select(d => Path.Combine(checkout, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }.Select(f => Path.Combine(checkout, f)).Where(File.Exists))
            .Select(f => Path.GetRelativePath(checkout, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("__pycache__", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(checkout, file)));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // A single-file perfnb has no perfnb.dll beside it, and carries python/ next to itself.
    private static string? RunningSingleFile()
    {
        var dir = AppContext.BaseDirectory;
        return File.Exists(Path.Combine(dir, DeployBundle.ExecutableName)) && !File.Exists(Path.Combine(dir, "perfnb.dll"))
            && !File.Exists(Path.Combine(dir, "PerfNotebooks.Core.dll")) && Directory.Exists(Path.Combine(dir, "python"))
            ? dir : null;
    }
}
