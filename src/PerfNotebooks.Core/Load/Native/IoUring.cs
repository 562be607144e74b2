using PerfNotebooks.Native;
using static PerfNotebooks.Load.Native.IoUringAbi;

namespace PerfNotebooks.Load.Native;

/// <summary>
/// One io_uring instance driven with raw syscalls (no liburing): io_uring_setup, the submission and completion rings
/// and the SQE array mmap'd, io_uring_enter to submit everything queued and wait in one call. Owned by one thread
/// (the rings are read and written without locks; with DEFER_TASKRUN the kernel also requires it). SQEs are filled in
/// ring order, so the SQ index array is the identity and set up once.
/// </summary>
internal sealed unsafe class IoUring : IDisposable
{
    private byte* _sqRing;
    private nuint _sqRingSize;
    private byte* _cqRing;
    private nuint _cqRingSize;
    private IoUringSqe* _sqes;
    private nuint _sqesSize;
    private uint* _sqHead;
    private uint* _sqTail;
    private uint _sqMask;
    private uint _sqEntries;
    private uint* _cqHead;
    private uint* _cqTail;
    private uint _cqMask;
    private IoUringCqe* _cqes;
    private uint _sqTailLocal;

    private IoUring(int fd) => Fd = fd;

    public int Fd { get; private set; }
    public uint Features { get; private set; }
    public uint SetupFlags { get; private set; }
    public uint SubmissionEntries => _sqEntries;

    /// <summary>
    /// Sets up a ring with <paramref name="entries"/> SQEs and <paramref name="completionEntries"/> CQEs, trying
    /// <paramref name="flagSets"/> in order (newer kernels take more flags; EINVAL means "try the next set").
    /// Returns 0 and the ring, or the errno of the last attempt (EPERM or ENOSYS where io_uring is disabled or
    /// filtered by seccomp).
    /// </summary>
    public static int TryCreate(uint entries, uint completionEntries, ReadOnlySpan<uint> flagSets, out IoUring? ring)
    {
        ring = null;
        var error = Errno.EINVAL;
        foreach (var flags in flagSets)
        {
            IoUringParams p = default;
            p.Flags = flags | SetupCqSize;
            p.CqEntries = completionEntries;
            var fd = (int)NativeMethods.syscall(NativeMethods.SysIoUringSetup, (nint)entries, (nint)(&p), 0, 0, 0, 0);
            if (fd < 0)
            {
                error = Errno.Last;
                if (error == Errno.EINVAL) continue;
                return error;
            }
            var created = new IoUring(fd) { Features = p.Features, SetupFlags = p.Flags };
            var mapError = created.Map(ref p);
            if (mapError != 0)
            {
                created.Dispose();
                return mapError;
            }
            ring = created;
            return 0;
        }
        return error;
    }

    private int Map(ref IoUringParams p)
    {
        _sqRingSize = p.SqArray + p.SqEntries * sizeof(uint);
        _cqRingSize = p.CqCqes + p.CqEntries * (nuint)sizeof(IoUringCqe);
        var single = (p.Features & FeatSingleMmap) != 0;
        if (single) _sqRingSize = _cqRingSize = Math.Max(_sqRingSize, _cqRingSize);

        _sqRing = (byte*)NativeMethods.mmap(null, _sqRingSize, NativeMethods.ProtRead | NativeMethods.ProtWrite, NativeMethods.MapShared | NativeMethods.MapPopulate, Fd, OffSqRing);
        if (NativeMethods.MapFailed(_sqRing)) { _sqRing = null; return Errno.Last; }
        if (single)
        {
            _cqRing = _sqRing;
        }
        else
        {
            _cqRing = (byte*)NativeMethods.mmap(null, _cqRingSize, NativeMethods.ProtRead | NativeMethods.ProtWrite, NativeMethods.MapShared | NativeMethods.MapPopulate, Fd, OffCqRing);
            if (NativeMethods.MapFailed(_cqRing)) { _cqRing = null; return Errno.Last; }
        }
        _sqesSize = p.SqEntries * (nuint)sizeof(IoUringSqe);
        _sqes = (IoUringSqe*)NativeMethods.mmap(null, _sqesSize, NativeMethods.ProtRead | NativeMethods.ProtWrite, NativeMethods.MapShared | NativeMethods.MapPopulate, Fd, OffSqes);
        if (NativeMethods.MapFailed(_sqes)) { _sqes = null; return Errno.Last; }

        _sqHead = (uint*)(_sqRing + p.SqHead);
        _sqTail = (uint*)(_sqRing + p.SqTail);
        _sqMask = *(uint*)(_sqRing + p.SqRingMask);
        _sqEntries = *(uint*)(_sqRing + p.SqRingEntries);
        var array = (uint*)(_sqRing + p.SqArray);
        for (uint i = 0; i < _sqEntries; i++) array[i] = i;
        _sqTailLocal = *_sqTail;

        _cqHead = (uint*)(_cqRing + p.CqHead);
        _cqTail = (uint*)(_cqRing + p.CqTail);
        _cqMask = *(uint*)(_cqRing + p.CqRingMask);
        _cqes = (IoUringCqe*)(_cqRing + p.CqCqes);
        return 0;
    }

    /// <summary>SQEs queued but not yet taken by the kernel.</summary>
    public uint Unsubmitted => _sqTailLocal - Volatile.Read(ref *_sqHead);

    /// <summary>
    /// A cleared SQE to fill; it goes to the kernel with the next <see cref="Enter"/>. When the ring is full the queued
    /// ones are submitted first.
    /// </summary>
    public IoUringSqe* NextSqe()
    {
        if (_sqTailLocal - Volatile.Read(ref *_sqHead) >= _sqEntries)
        {
            var error = Enter(0, -1, getEvents: false);
            if (error != 0 && error != Errno.EINTR && error != Errno.EAGAIN && error != Errno.EBUSY)
                throw new InvalidOperationException("io_uring_enter failed: " + Errno.Describe(error));
            if (_sqTailLocal - Volatile.Read(ref *_sqHead) >= _sqEntries)
                throw new InvalidOperationException("io_uring submission queue stayed full after a submit.");
        }
        var sqe = &_sqes[_sqTailLocal & _sqMask];
        *sqe = default;
        _sqTailLocal++;
        return sqe;
    }

    /// <summary>
    /// Submits every queued SQE and, with <paramref name="getEvents"/>, runs the deferred completions and waits until
    /// at least <paramref name="minComplete"/> CQEs are ready or <paramref name="timeoutNs"/> passed (negative: no
    /// limit). Returns 0 or the errno (ETIME when the wait timed out, EINTR when a signal cut it short).
    /// </summary>
    public int Enter(uint minComplete, long timeoutNs, bool getEvents)
    {
        Volatile.Write(ref *_sqTail, _sqTailLocal);
        var toSubmit = _sqTailLocal - Volatile.Read(ref *_sqHead);
        uint flags = getEvents ? EnterGetEvents : 0;
        nint arg = 0, argSize = 0;
        NativeMethods.Timespec timeout;
        GetEventsArg extArg;
        if (getEvents && minComplete > 0 && timeoutNs >= 0)
        {
            timeout.Seconds = timeoutNs / 1_000_000_000;
            timeout.Nanoseconds = timeoutNs % 1_000_000_000;
            extArg = new GetEventsArg { Timespec = (ulong)&timeout };
            flags |= EnterExtArg;
            arg = (nint)(&extArg);
            argSize = sizeof(GetEventsArg);
        }
        var result = NativeMethods.syscall(NativeMethods.SysIoUringEnter, Fd, (nint)toSubmit, (nint)minComplete, (nint)flags, arg, argSize);
        return result < 0 ? Errno.Last : 0;
    }

    /// <summary>The completion at the head, or false when none is ready. Call <see cref="AdvanceCompletion"/> after reading it.</summary>
    public bool TryPeekCompletion(out IoUringCqe cqe)
    {
        var head = *_cqHead;
        if (head == Volatile.Read(ref *_cqTail))
        {
            cqe = default;
            return false;
        }
        cqe = _cqes[head & _cqMask];
        return true;
    }

    /// <summary>Hands the head CQE's slot back to the kernel.</summary>
    public void AdvanceCompletion() => Volatile.Write(ref *_cqHead, *_cqHead + 1);

    /// <summary>
    /// Enables a ring set up with IORING_SETUP_R_DISABLED; the calling thread becomes its only submitter. So a
    /// ring can be made (and refused) on one thread and driven by another.
    /// </summary>
    public int Enable() => Register(RegisterEnableRings, null, 0);

    /// <summary>io_uring_register(2).</summary>
    public int Register(uint opcode, void* argument, uint count)
    {
        var result = NativeMethods.syscall(NativeMethods.SysIoUringRegister, Fd, (nint)opcode, (nint)argument, (nint)count, 0, 0);
        return result < 0 ? Errno.Last : 0;
    }

    public void Dispose()
    {
        if (_sqes != null) { NativeMethods.munmap(_sqes, _sqesSize); _sqes = null; }
        if (_cqRing != null && _cqRing != _sqRing) NativeMethods.munmap(_cqRing, _cqRingSize);
        _cqRing = null;
        if (_sqRing != null) { NativeMethods.munmap(_sqRing, _sqRingSize); _sqRing = null; }
        if (Fd >= 0) { NativeMethods.close(Fd); Fd = -1; }
    }

    /// <summary>struct io_uring_getevents_arg (24 bytes): only the timeout is used.</summary>
    private struct GetEventsArg
    {
        public ulong SigMask;
        public uint SigMaskSize;
        public uint Pad;
        public ulong Timespec;
    }
}
