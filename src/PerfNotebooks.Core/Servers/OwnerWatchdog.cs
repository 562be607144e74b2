using System.Diagnostics;
using System.Globalization;

namespace PerfNotebooks.Servers;

/// <summary>
/// Stops a server when its owner dies without a chance to stop it (SIGKILL, a crash): a tiny shell in a
/// session of its own blocks reading a pipe whose only writer is the owner. When the owner dies, the kernel
/// closes the pipe, the read returns, and the shell sends SIGTERM, then SIGKILL, to the server's process group.
/// It uses no CPU while it waits. A normal stop kills the watchdog first.
/// </summary>
internal sealed class OwnerWatchdog
{
    // $0 is the server's process group. Terminal signals are ignored: only the pipe's end triggers it.
    private const string Script = "trap '' INT HUP QUIT; read _ ; kill -TERM -\"$0\" 2>/dev/null; sleep 1; kill -KILL -\"$0\" 2>/dev/null";

    private readonly Process _process;
    private int _dismissed;

    private OwnerWatchdog(Process process) => _process = process;

    public int Pid => _process.Id;

    /// <summary>Starts a watchdog for the process group <paramref name="pgid"/>; null if it cannot start (the server still runs, unguarded).</summary>
    public static OwnerWatchdog? Start(int pgid)
    {
        var info = new ProcessStartInfo("/usr/bin/setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "/bin/sh", "-c", Script, pgid.ToString(CultureInfo.InvariantCulture) }) info.ArgumentList.Add(arg);
        info.Environment["PERFNB_SERVER"] = "1";
        try
        {
            return Process.Start(info) is { } process ? new OwnerWatchdog(process) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Ends the watchdog without letting it signal anything (SIGKILL: its trap cannot run).</summary>
    public void Dismiss()
    {
        if (Interlocked.Exchange(ref _dismissed, 1) == 1) return;
        try
        {
            Posix.Kill(_process.Id, Posix.SIGKILL);
            _process.WaitForExit(2000);
            _process.Dispose();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
