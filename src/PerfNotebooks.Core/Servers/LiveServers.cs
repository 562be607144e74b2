using System.Collections.Concurrent;

namespace PerfNotebooks.Servers;

/// <summary>
/// Every server tree this process started and has not stopped yet. Each is stopped when the owning process exits
/// normally (ProcessExit). Signals belong to the front ends: one that ends its process on SIGTERM, SIGHUP or
/// SIGQUIT (which end it without ProcessExit, while the servers run in sessions of their own) first calls
/// <see cref="ServerLauncher.StopAllStarted"/>. A SIGKILL of the owner cannot be caught: the servers' watchdogs see
/// the owner go and stop them.
/// </summary>
internal static class LiveServers
{
    private static readonly ConcurrentDictionary<ServerProcess, byte> Live = new();
    private static int _hooked;

    public static void Add(ServerProcess process)
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 0) AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
        Live[process] = 0;
    }

    public static void Remove(ServerProcess process) => Live.TryRemove(process, out _);

    public static int Count => Live.Count;

    public static void StopAll()
    {
        // In parallel: ProcessExit handlers and signal handlers get a few seconds at most.
        Parallel.ForEach(Live.Keys, p =>
        {
            try { p.StopNow(TimeSpan.FromSeconds(1)); }
            catch (Exception) { /* the owner is exiting; nothing left to report to */ }
            Remove(p);
        });
    }
}
