using System.Runtime.InteropServices;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive;

/// <summary>
/// The extension's signal handling: a kernel ended by SIGTERM, SIGHUP or SIGQUIT (which end it without running
/// ProcessExit, while the notebook's servers run in sessions of their own) first stops every server it started. A
/// Ctrl-C the kernel does not take for itself (an interrupt of a cell) ends it too: the servers are stopped first.
/// </summary>
internal static class KernelSignals
{
    private static int _installed;
    private static PosixSignalRegistration[] _registrations = [];

    /// <summary>Installs the handlers once per process (a second load of the extension adds none).</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        _registrations = [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
            .Select(signal => PosixSignalRegistration.Create(signal, _ => ServerLauncher.StopAllStarted()))];
        // Runs after handlers registered earlier; one that takes Ctrl-C over (an interrupt) sets Cancel: the servers stay.
        Console.CancelKeyPress += (_, e) =>
        {
            if (!e.Cancel) ServerLauncher.StopAllStarted();
        };
    }
}
