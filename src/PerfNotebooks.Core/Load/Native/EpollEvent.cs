using System.Runtime.InteropServices;

namespace PerfNotebooks.Load.Native;

/// <summary>
/// Reads and writes <c>struct epoll_event</c> in native memory. Its layout differs by architecture: on x86-64 the
/// kernel declares it packed (4-byte events, then the 8-byte data at offset 4: 12 bytes); elsewhere the data is
/// 8-byte aligned (16 bytes). Checked against glibc's header with offsetof on this machine.
/// </summary>
internal static unsafe class EpollEvent
{
    public static readonly int Size = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    public static uint Events(byte* events, int index) => *(uint*)(events + index * Size);

    public static ulong Data(byte* events, int index) => *(ulong*)(events + index * Size + DataOffset);

    /// <summary>Fills one event (for epoll_ctl) at <paramref name="ev"/>, which must hold <see cref="Size"/> bytes.</summary>
    public static void Write(byte* ev, uint events, ulong data)
    {
        *(uint*)ev = events;
        *(ulong*)(ev + DataOffset) = data;
    }
}
