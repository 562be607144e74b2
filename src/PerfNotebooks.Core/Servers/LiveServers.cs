using System.Runtime.InteropServices;
using System.Collections.Concurrent;

namespace PerfNotebooks.Servers;

/// <summary>
/// Every server tree this process started and has not stopped yet. Each is stopped when the owning process
/// exits normally (ProcessExit), is interrupted by a Ctrl-C nobody handles, or receives SIGTERM, SIGHUP or
/// SIGQUIT (which would otherwise end it at once, without ProcessExit: the servers run in sessions of their
/// own and would live on). A SIGKILL of the owner cannot be caught: its servers then outlive it.
/// </summary>
internal static class LiveServers
{
    private static readonly ConcurrentDictionary<ServerProcess, byte> Live = new();
    private static int _hooked;
    private static readonly List<PosixSignalRegistration> Registrations = [];

    public static void Add(ServerProcess process)
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
            // Runs after handlers registered earlier; one that takes over Ctrl-C (sets Cancel) stops its own servers.
            Console.CancelKeyPress += (_, e) =>
            {
                if (!e.Cancel) StopAll();
            };
            // Stops the servers and lets the signal's default action (or the host's own handler) proceed.
            foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
                Registrations.Add(PosixSignalRegistration.Create(signal, _ => StopAll()));
        }
        Live[process] = 0;
    }

    public static void Remove(ServerProcess process) => Live.TryRemove(process, out _);

    public static int Count => Live.Count;

    private static void StopAll()
    {
        // In parallel: ProcessExit handlers get a few seconds at most.
        Parallel.ForEach(Live.Keys, p =>
        {
            try { p.StopNow(TimeSpan.FromSeconds(1)); }
            catch (Exception) { /* the owner is exiting; nothing left to report to */ }
            Remove(p);
        });
    }
}
