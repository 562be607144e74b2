using PerfNotebooks.Hosts;

namespace PerfNotebooks.Core.Tests.Hosts.Support;

/// <summary>Bundles to deploy: a tiny fake one (fast, for the deploy mechanics) and the real published perfnb (once per code change).</summary>
internal static class TestBundles
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static DeployBundle? _real;

    /// <summary>A bundle folder with a shell script for perfnb and one Python file; <paramref name="variant"/> changes its hash.</summary>
    public static DeployBundle Fake(string folder, string variant)
    {
        Directory.CreateDirectory(Path.Combine(folder, "python"));
        var perfnb = Path.Combine(folder, DeployBundle.ExecutableName);
        File.WriteAllText(perfnb, $"#!/bin/sh\necho fake-perfnb {variant} \"$@\"\n");
        Commands.Run("chmod", "755", perfnb);
        File.WriteAllText(Path.Combine(folder, "python", "app.py"), "print('hello')\n");
        return DeployBundle.FromDirectory(folder, "0.0.0-test");
    }

    /// <summary>The real single-file perfnb of this checkout (published on first use, then cached on disk).</summary>
    public static async Task<DeployBundle> RealAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _real ??= await BundleLocator.LocateAsync();
        }
        finally
        {
            Gate.Release();
        }
    }
}
