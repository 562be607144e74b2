using System.Globalization;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>
/// The lock of one run folder, held by the one process that writes it. The lock is the kernel's: the folder's
/// <c>.lock</c> file is opened exclusively (.NET takes an flock), and the kernel lets go of it when the holder
/// exits in any way, kill -9 included, so a stale lock cannot outlive its process. Beside it, <c>.lock-owner</c>
/// names the holder (PID, when it started, host), for the one-line refusal a second writer gets and for readers
/// that want to know whether a run marked running still has a live writer.
/// </summary>
internal sealed class RunLock : IDisposable
{
    public const string LockFile = ".lock";
    public const string OwnerFile = ".lock-owner";

    // On Linux a held flock makes the open fail with EWOULDBLOCK (errno 11), surfaced as an IOException with that HResult.
    private const int WouldBlock = 11;

    private readonly string _directory;
    private FileStream? _stream;

    private RunLock(string directory, FileStream stream)
    {
        _directory = directory;
        _stream = stream;
    }

    /// <summary>Takes the lock of <paramref name="directory"/>, or throws <see cref="RunLockedException"/> naming the live holder.</summary>
    public static RunLock Acquire(string directory, string runName)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(Path.Combine(directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.HResult == WouldBlock || e.Message.Contains("being used by another process", StringComparison.Ordinal))
        {
            var holder = LiveOwner(directory, waitForName: true);
            var who = holder is null
                ? "another process"
                : string.Create(CultureInfo.InvariantCulture, $"PID {holder.Pid}{(holder.Host == Environment.MachineName ? "" : " on " + holder.Host)}, since {holder.Since:yyyy-MM-dd HH:mm:ss} UTC");
            throw new RunLockedException($"run {runName} is being written by {who}; two writers would overwrite each other's cells. Wait for it to finish, or stop it.", holder?.Pid);
        }
        try
        {
            // A previous holder that died left its owner file: this one replaces it.
            var self = Owner.OfThisProcess();
            AtomicFile.WriteAllText(Path.Combine(directory, OwnerFile), self.ToLine());
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new RunLock(directory, stream);
    }

    /// <summary>
    /// True when a live process holds the lock of the run in <paramref name="directory"/>: its owner file names a
    /// process that is alive and started when the file says (not a later one with the same PID). A run marked
    /// running without one was left by a writer that is gone.
    /// </summary>
    public static bool IsHeld(string directory) => LiveOwner(directory, waitForName: false) is not null;

    public void Dispose()
    {
        if (_stream is null) return;
        // The owner file first, while the lock still keeps the next writer from writing its own.
        try { File.Delete(Path.Combine(_directory, OwnerFile)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* a stale owner file is told apart by its PID */ }
        _stream.Dispose();
        _stream = null;
    }

    private static Owner? LiveOwner(string directory, bool waitForName)
    {
        // A writer that just took the lock writes its name a moment later: a refused writer waits that moment.
        for (var attempt = 0; ; attempt++)
        {
            var owner = Owner.Read(Path.Combine(directory, OwnerFile));
            if (owner is not null && owner.IsAlive()) return owner;
            if (!waitForName || attempt >= 20) return null;
            Thread.Sleep(10);
        }
    }

    private sealed record Owner(int Pid, long StartTicks, string Host, DateTimeOffset Since)
    {
        public static Owner OfThisProcess()
        {
            var pid = Environment.ProcessId;
            return new Owner(pid, ProcStat.Read(pid)?.StartTicks ?? 0, Environment.MachineName, DateTimeOffset.UtcNow);
        }

        public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{Pid} {StartTicks} {Since.ToUnixTimeSeconds()} {Host}\n");

        public static Owner? Read(string path)
        {
            string text;
            try { text = File.ReadAllText(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
            var parts = text.Trim().Split(' ', 4);
            return parts.Length == 4
                   && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                   && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                   && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var since)
                ? new Owner(pid, start, parts[3], DateTimeOffset.FromUnixTimeSeconds(since))
                : null;
        }

        /// <summary>Alive and the same process (not a later one that reused the PID). On another host it cannot be
        /// checked from here: taken as alive.</summary>
        public bool IsAlive()
        {
            if (Host != Environment.MachineName) return true;
            return ProcStat.Read(Pid) is { IsDead: false } stat && stat.StartTicks == StartTicks;
        }
    }
}
