using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using PerfNotebooks.Native;

namespace PerfNotebooks.Load.Native;

/// <summary>
/// The server's address as a <c>sockaddr_in</c> / <c>sockaddr_in6</c> in native memory that outlives every
/// connect of the run (an io_uring connect reads it after the call that queued it has returned).
/// </summary>
internal sealed unsafe class NativeSocketAddress : IDisposable
{
    private NativeSocketAddress(byte* address, uint length, int family)
    {
        Address = address;
        Length = length;
        Family = family;
    }

    public byte* Address { get; private set; }
    public uint Length { get; }

    /// <summary>AF_INET or AF_INET6, for socket().</summary>
    public int Family { get; }

    public static NativeSocketAddress From(IPEndPoint endPoint)
    {
        var ipv6 = endPoint.AddressFamily == AddressFamily.InterNetworkV6;
        var length = ipv6 ? 28u : 16u;
        var memory = (byte*)NativeMemory.AllocZeroed(length);
        var bytes = new Span<byte>(memory, (int)length);
        var family = ipv6 ? NativeMethods.AfInet6 : NativeMethods.AfInet;
        MemoryMarshal.Write(bytes, (ushort)family); // sa_family_t: host order
        BinaryPrimitives.WriteUInt16BigEndian(bytes[2..], (ushort)endPoint.Port); // network order
        if (ipv6)
        {
            endPoint.Address.TryWriteBytes(bytes.Slice(8, 16), out _);
            MemoryMarshal.Write(bytes[24..], (uint)endPoint.Address.ScopeId); // host order
        }
        else
        {
            endPoint.Address.TryWriteBytes(bytes.Slice(4, 4), out _);
        }
        return new NativeSocketAddress(memory, length, family);
    }

    public void Dispose()
    {
        if (Address == null) return;
        NativeMemory.Free(Address);
        Address = null;
    }
}
