using System.Collections.Concurrent;

namespace PerfNotebooks.Servers;

/// <summary>
/// Every server tree this process started and has not stopped yet. When the owning process exits normally
/// (ProcessExit, which .NET also raises on SIGTERM) or is interrupted by a Ctrl-C nobody handles, each is
/// stopped. A SIGKILL of the owner cannot be caught: its servers live on in their own sessions (see the report).
/// </summary>
internal static class LiveServers
{
    private static readonly ConcurrentDictionary<ServerProcess, byte> Live = new();
    private static int _hooked;

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
