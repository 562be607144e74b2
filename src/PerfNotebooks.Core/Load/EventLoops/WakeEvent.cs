using PerfNotebooks.Load.Native;
using PerfNotebooks.Native;

namespace PerfNotebooks.Load.EventLoops;

/// <summary>
/// The eventfd another thread writes to wake an event loop that waits in the kernel. Made with the loop, not on its
/// thread, so a wake that comes before the loop runs is not lost; closed once, and a wake after that does nothing.
/// </summary>
internal sealed unsafe class WakeEvent : IDisposable
{
    private readonly Lock _gate = new();
    private int _fd;

    public WakeEvent()
    {
        _fd = NativeMethods.eventfd(0, NativeMethods.EfdNonBlock | NativeMethods.EfdCloExec);
        if (_fd < 0) throw new InvalidOperationException("eventfd failed: " + Errno.Describe(Errno.Last));
    }

    /// <summary>The descriptor the loop waits on.</summary>
    public int Fd => _fd;

    /// <summary>Wakes the loop (from any thread).</summary>
    public void Signal()
    {
        lock (_gate)
        {
            if (_fd < 0) return;
            ulong one = 1;
            NativeMethods.write(_fd, &one, sizeof(ulong));
        }
    }

    /// <summary>Reads the count back (on the loop's thread), so the descriptor is quiet until the next wake.</summary>
    public void Drain()
    {
        ulong value;
        NativeMethods.read(_fd, &value, sizeof(ulong));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_fd >= 0) NativeMethods.close(_fd);
            _fd = -1;
        }
    }
}
