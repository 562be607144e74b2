using System.Diagnostics;

namespace PerfNotebooks.Cli;

/// <summary>
/// <c>--open</c>: opens report.html in the default browser with xdg-open where a desktop exists ($DISPLAY
/// or $WAYLAND_DISPLAY set, and xdg-open on PATH); elsewhere (a server, a container, CI) it says so
/// plainly and names the file.
/// </summary>
internal static class ReportOpener
{
    /// <summary>Opens <paramref name="report"/> or explains why not; returns the line to print.</summary>
    public static string Open(string report)
    {
        var display = Environment.GetEnvironmentVariable("DISPLAY");
        var wayland = Environment.GetEnvironmentVariable("WAYLAND_DISPLAY");
        if (string.IsNullOrEmpty(display) && string.IsNullOrEmpty(wayland))
            return "perfnb: no desktop here ($DISPLAY and $WAYLAND_DISPLAY are unset): the report was not opened.";
        var xdgOpen = FindOnPath("xdg-open");
        if (xdgOpen is null)
            return "perfnb: xdg-open is not installed (Debian: apt-get install xdg-utils): the report was not opened.";
        try
        {
            var psi = new ProcessStartInfo(xdgOpen) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(report);
            using var process = Process.Start(psi)!;
            // xdg-open hands the file to the browser and returns; a browser that keeps it waiting is left to run.
            if (!process.WaitForExit(10_000)) return $"perfnb: asked xdg-open (PID {process.Id}) to open {report}.";
            return process.ExitCode == 0
                ? $"perfnb: opened {report} with xdg-open."
                : $"perfnb: xdg-open could not open the report (exit code {process.ExitCode}: {process.StandardError.ReadToEnd().Trim()}); open {report} in a browser.";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return $"perfnb: xdg-open did not start ({e.Message}); open {report} in a browser.";
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
