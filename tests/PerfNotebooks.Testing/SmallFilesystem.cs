using System.Diagnostics;

namespace PerfNotebooks.Testing;

/// <summary>
/// A size-limited tmpfs mounted on a fresh folder (the tests run as root), to see what a full disk does;
/// unmounted and removed when disposed.
/// </summary>
public sealed class SmallFilesystem : IDisposable
{
    public SmallFilesystem(int kilobytes)
    {
        Path = Directory.CreateTempSubdirectory("perfnb-small-fs-").FullName;
        Run("/usr/bin/mount", "-t", "tmpfs", "-o", $"size={kilobytes}k,mode=0755", "tmpfs", Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        // Lazy: a test that failed may still hold a file open in it.
        Run("/usr/bin/umount", "-l", Path);
        try { Directory.Delete(Path); } catch (IOException) { }
    }

    private static void Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var error = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(10_000)) { p.Kill(); throw new TimeoutException($"{program} did not finish"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({p.ExitCode}): {error}");
    }
}
