using PerfNotebooks.Native;
using static PerfNotebooks.Load.Native.IoUringAbi;

namespace PerfNotebooks.Load.Native;

/// <summary>
/// Whether this process may use io_uring the way the engine needs it, found by trying it once (cached): a ring
/// (refused with EPERM where /proc/sys/kernel/io_uring_disabled or a container's seccomp profile forbids it, ENOSYS
/// before Linux 5.1), the features the loop relies on (CQE skipping, extended wait arguments, no dropped
/// completions), a provided-buffer ring (5.19) and a multishot receive (6.0) that really delivers on a socket pair.
/// </summary>
internal static unsafe class IoUringSupport
{
    /// <summary>Setup flags, best first: newer kernels run completions only when the loop asks (DEFER_TASKRUN).</summary>
    public static readonly uint[] FlagSets =
    [
        SetupSingleIssuer | SetupDeferTaskRun | SetupSubmitAll,
        SetupCoopTaskRun | SetupSubmitAll,
        SetupSubmitAll,
        0,
    ];

    private const uint RequiredFeatures = FeatNoDrop | FeatFastPoll | FeatExtArg | FeatCqeSkip;

    private static readonly Lazy<string?> Refusal = new(Probe);

    /// <summary>Null when io_uring is usable here; otherwise why not, in a few words.</summary>
    public static string? WhyUnavailable => Refusal.Value;

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "not Linux";
        var error = IoUring.TryCreate(8, 16, FlagSets, out var ring);
        if (error != 0) return "io_uring_setup: " + Errno.Describe(error);
        ProvidedBufferRing? buffers = null;
        try
        {
            if ((ring!.Features & RequiredFeatures) != RequiredFeatures) return "the kernel's io_uring lacks CQE skipping or extended waits (Linux 5.17 or later needed)";
            error = ProvidedBufferRing.TryCreate(ring, 0, 2, 64, out buffers);
            if (error != 0) return "provided buffer rings: " + Errno.Describe(error);
            return ProbeMultishotReceive(ring, buffers!);
        }
        finally
        {
            // The ring first: closing it ends its requests, so none can still write into the buffers being unmapped.
            ring!.Dispose();
            buffers?.Dispose();
        }
    }

    private static string? ProbeMultishotReceive(IoUring ring, ProvidedBufferRing buffers)
    {
        var fds = stackalloc int[2];
        if (NativeMethods.socketpair(NativeMethods.AfUnix, NativeMethods.SockStream | NativeMethods.SockCloExec, 0, fds) != 0) return "socketpair: " + Errno.Describe(Errno.Last);
        try
        {
            var sqe = ring.NextSqe();
            sqe->Opcode = OpRecv;
            sqe->Fd = fds[0];
            sqe->IoPrio = RecvMultishot;
            sqe->Flags = SqeBufferSelect;
            sqe->BufGroup = buffers.GroupId;
            sqe->UserData = 1;
            byte one = 42;
            if (NativeMethods.write(fds[1], &one, 1) != 1) return "socketpair write: " + Errno.Describe(Errno.Last);
            var error = ring.Enter(1, 1_000_000_000, getEvents: true);
            if (error != 0 && error != Errno.ETIME && error != Errno.EINTR) return "io_uring_enter: " + Errno.Describe(error);
            if (!ring.TryPeekCompletion(out var cqe)) return "a multishot receive gave no completion within 1 s";
            ring.AdvanceCompletion();
            if (cqe.Res < 0) return "multishot receive: " + Errno.Describe(-cqe.Res);
            if (cqe.Res != 1 || (cqe.Flags & CqeFBuffer) == 0 || (cqe.Flags & CqeFMore) == 0)
                return "multishot receive not supported (Linux 6.0 or later needed)";
            return null;
        }
        finally
        {
            // End the multishot receive (EOF) and reap its last completion before anything is freed.
            NativeMethods.shutdown(fds[0], NativeMethods.ShutRdWr);
            for (var i = 0; i < 10; i++)
            {
                ring.Enter(1, 100_000_000, getEvents: true);
                var ended = false;
                while (ring.TryPeekCompletion(out var last))
                {
                    ring.AdvanceCompletion();
                    if ((last.Flags & CqeFMore) == 0) ended = true;
                }
                if (ended) break;
            }
            NativeMethods.close(fds[0]);
            NativeMethods.close(fds[1]);
        }
    }
}
