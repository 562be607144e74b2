using System.Runtime.InteropServices;

namespace PerfNotebooks.Load.Native;

/// <summary>
/// io_uring's kernel interface as far as the engine uses it: the constants of include/uapi/linux/io_uring.h and the
/// three structs shared with the kernel (<see cref="IoUringSqe"/>, <see cref="IoUringCqe"/>, <see cref="IoUringParams"/>),
/// with sizes and offsets checked against the header by a C program on this machine (sqe 64 bytes, cqe 16,
/// params 120 with sq_off at 40 and cq_off at 80).
/// </summary>
internal static class IoUringAbi
{
    // io_uring_setup flags
    public const uint SetupCqSize = 1u << 3, SetupRDisabled = 1u << 6, SetupSubmitAll = 1u << 7, SetupCoopTaskRun = 1u << 8,
        SetupSingleIssuer = 1u << 12, SetupDeferTaskRun = 1u << 13;

    // features reported by io_uring_setup
    public const uint FeatSingleMmap = 1u << 0, FeatNoDrop = 1u << 1, FeatFastPoll = 1u << 5, FeatExtArg = 1u << 8,
        FeatCqeSkip = 1u << 11;

    // io_uring_enter flags
    public const uint EnterGetEvents = 1u << 0, EnterExtArg = 1u << 3;

    // mmap offsets
    public const long OffSqRing = 0, OffCqRing = 0x8000000, OffSqes = 0x10000000;

    // opcodes
    public const byte OpPollAdd = 6, OpAsyncCancel = 14, OpConnect = 16, OpClose = 19, OpSend = 26, OpRecv = 27;

    // sqe flags
    public const byte SqeBufferSelect = 1 << 5, SqeCqeSkipSuccess = 1 << 6;

    // per-op flags
    public const ushort RecvMultishot = 1 << 1;
    public const uint PollAddMulti = 1u << 0;
    public const uint PollIn = 0x1;
    public const uint CancelAll = 1u << 0;

    // cqe flags
    public const uint CqeFBuffer = 1u << 0, CqeFMore = 1u << 1;
    public const int CqeBufferShift = 16;

    // io_uring_register opcodes
    public const uint RegisterEnableRings = 12, RegisterPbufRing = 22, UnregisterPbufRing = 23;
}

[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct IoUringSqe
{
    [FieldOffset(0)] public byte Opcode;
    [FieldOffset(1)] public byte Flags;
    [FieldOffset(2)] public ushort IoPrio;
    [FieldOffset(4)] public int Fd;

    /// <summary>off / addr2: the address length for a connect.</summary>
    [FieldOffset(8)] public ulong Off;
    [FieldOffset(16)] public ulong Addr;
    [FieldOffset(24)] public uint Len;

    /// <summary>The op's own flags: msg_flags for send/recv, poll32_events for a poll.</summary>
    [FieldOffset(28)] public uint OpFlags;
    [FieldOffset(32)] public ulong UserData;
    [FieldOffset(40)] public ushort BufGroup;
    [FieldOffset(42)] public ushort Personality;
    [FieldOffset(44)] public int FileIndex;
    [FieldOffset(48)] public ulong Addr3;
    [FieldOffset(56)] public ulong Pad2;
}

[StructLayout(LayoutKind.Sequential)]
internal struct IoUringCqe
{
    public ulong UserData;
    public int Res;
    public uint Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal struct IoUringParams
{
    public uint SqEntries;
    public uint CqEntries;
    public uint Flags;
    public uint SqThreadCpu;
    public uint SqThreadIdle;
    public uint Features;
    public uint WqFd;
    public uint Resv0, Resv1, Resv2;

    // struct io_sqring_offsets
    public uint SqHead, SqTail, SqRingMask, SqRingEntries, SqFlags, SqDropped, SqArray, SqResv1;
    public ulong SqResv2;

    // struct io_cqring_offsets
    public uint CqHead, CqTail, CqRingMask, CqRingEntries, CqOverflow, CqCqes, CqFlags, CqResv1;
    public ulong CqResv2;
}
