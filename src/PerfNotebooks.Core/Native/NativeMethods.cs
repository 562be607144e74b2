using System.Runtime.InteropServices;

namespace PerfNotebooks.Native;

/// <summary>
/// Every libc call PerfNotebooks makes, in one place, bound with LibraryImport (no marshalling: pointers and
/// integers only, so a call costs the syscall and little more): the load engine's sockets, epoll, io_uring, memory
/// and clocks; signals to processes and groups, CPU placement, the open-file limit and the effective user for the
/// other rooms. Calls that can fail set errno; read it with
/// <see cref="Marshal.GetLastPInvokeError"/> right after the call. Constants are Linux's (the same on x86-64 and
/// arm64: both use the generic errno, socket and epoll numbers).
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string Library = "libc";

    // ---- sockets ----
    public const int AfInet = 2, AfInet6 = 10, AfUnix = 1;
    public const int SockStream = 1, SockNonBlock = 0x800, SockCloExec = 0x80000;
    public const int IpProtoTcp = 6, TcpNoDelay = 1;
    public const int SolSocket = 1, SoError = 4;
    public const int MsgDontWait = 0x40, MsgWaitAll = 0x100, MsgNoSignal = 0x4000;
    public const int ShutRdWr = 2;

    [LibraryImport(Library, SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int socketpair(int domain, int type, int protocol, int* fds);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int connect(int fd, byte* address, uint addressLength);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint send(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint recv(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint read(int fd, void* buffer, nuint length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint write(int fd, void* buffer, nuint length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int shutdown(int fd, int how);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int setsockopt(int fd, int level, int name, void* value, uint length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int getsockopt(int fd, int level, int name, void* value, uint* length);

    // ---- epoll and eventfd ----
    public const int EpollCloExec = 0x80000;
    public const int EpollCtlAdd = 1, EpollCtlDel = 2;
    public const uint EpollIn = 0x1, EpollOut = 0x4, EpollErr = 0x8, EpollHup = 0x10, EpollRdHup = 0x2000, EpollEt = 1u << 31;
    public const int EfdNonBlock = 0x800, EfdCloExec = 0x80000;

    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_ctl(int epollFd, int operation, int fd, void* ev);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_wait(int epollFd, void* events, int maxEvents, int timeoutMs);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int eventfd(uint initialValue, int flags);

    // ---- raw system calls (io_uring and epoll_pwait2 have no wrapper in older glibc) ----
    // The numbers are the same on x86-64 and arm64: these calls came after the tables were unified.
    public const long SysIoUringSetup = 425, SysIoUringEnter = 426, SysIoUringRegister = 427, SysEpollPwait2 = 441;

    [LibraryImport(Library, SetLastError = true)]
    public static partial long syscall(long number, nint a1, nint a2, nint a3, nint a4, nint a5, nint a6);

    // ---- memory ----
    public const int ProtRead = 1, ProtWrite = 2;
    public const int MapShared = 0x1, MapPrivate = 0x2, MapAnonymous = 0x20, MapPopulate = 0x8000;

    [LibraryImport(Library, SetLastError = true)]
    public static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int munmap(void* address, nuint length);

    public static bool MapFailed(void* address) => address == (void*)-1;

    // ---- clocks and CPUs ----
    public const int ClockThreadCpuTime = 3;

    [LibraryImport(Library, SetLastError = true)]
    public static partial int clock_gettime(int clock, Timespec* time);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int sched_getaffinity(int pid, nuint size, ulong* mask);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int sched_setaffinity(int pid, nuint size, ulong* mask);

    public const int ScClkTck = 2, ScPageSize = 30; // _SC_CLK_TCK, _SC_PAGESIZE (glibc)

    [LibraryImport(Library)]
    public static partial long sysconf(int name);

    // ---- processes ----
    public const int SigInt = 2, SigKill = 9, SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>, or to process group -pid when negative.</summary>
    [LibraryImport(Library, SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport(Library)]
    public static partial uint geteuid();

    // ---- resource limits ----
    public const int RlimitNoFile = 7;

    [LibraryImport(Library, SetLastError = true)]
    public static partial int getrlimit(int resource, RLimit* limit);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int setrlimit(int resource, RLimit* limit);

    [StructLayout(LayoutKind.Sequential)]
    public struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
