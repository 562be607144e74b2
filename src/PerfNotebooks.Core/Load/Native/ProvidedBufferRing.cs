using System.Runtime.InteropServices;
using PerfNotebooks.Native;
using static PerfNotebooks.Load.Native.IoUringAbi;

namespace PerfNotebooks.Load.Native;

/// <summary>
/// A ring of receive buffers the kernel picks from when data arrives (IORING_REGISTER_PBUF_RING, Linux 5.19): a
/// multishot receive needs no buffer of its own while its connection is idle, so memory grows with the responses in
/// flight, not with the connections. The loop hands a buffer back (<see cref="Recycle"/>) as soon as it has parsed
/// it and publishes the returned ones once per batch (<see cref="Publish"/>).
/// </summary>
internal sealed unsafe class ProvidedBufferRing : IDisposable
{
    private readonly IoUring _ring;
    private readonly int _count;
    private byte* _entries;
    private nuint _entriesSize;
    private byte* _buffers;
    private nuint _buffersSize;
    private ushort _tail;
    private bool _registered;

    private ProvidedBufferRing(IoUring ring, ushort groupId, int count, int bufferSize)
    {
        _ring = ring;
        GroupId = groupId;
        _count = count;
        BufferSize = bufferSize;
    }

    public ushort GroupId { get; }
    public int BufferSize { get; }

    /// <summary>Registers <paramref name="count"/> (a power of two) buffers of <paramref name="bufferSize"/> bytes; 0 or the errno.</summary>
    public static int TryCreate(IoUring ring, ushort groupId, int count, int bufferSize, out ProvidedBufferRing? buffers)
    {
        buffers = null;
        var created = new ProvidedBufferRing(ring, groupId, count, bufferSize);
        var error = created.Register();
        if (error != 0)
        {
            created.Dispose();
            return error;
        }
        buffers = created;
        return 0;
    }

    private int Register()
    {
        _entriesSize = (nuint)(_count * 16);
        _entries = (byte*)NativeMethods.mmap(null, _entriesSize, NativeMethods.ProtRead | NativeMethods.ProtWrite, NativeMethods.MapPrivate | NativeMethods.MapAnonymous, -1, 0);
        if (NativeMethods.MapFailed(_entries)) { _entries = null; return Errno.Last; }
        _buffersSize = (nuint)_count * (nuint)BufferSize;
        _buffers = (byte*)NativeMethods.mmap(null, _buffersSize, NativeMethods.ProtRead | NativeMethods.ProtWrite, NativeMethods.MapPrivate | NativeMethods.MapAnonymous, -1, 0);
        if (NativeMethods.MapFailed(_buffers)) { _buffers = null; return Errno.Last; }

        var registration = new BufferRegistration { RingAddress = (ulong)_entries, RingEntries = (uint)_count, GroupId = GroupId };
        var error = _ring.Register(RegisterPbufRing, &registration, 1);
        if (error != 0) return error;
        _registered = true;
        for (var id = 0; id < _count; id++) Recycle((ushort)id);
        Publish();
        return 0;
    }

    /// <summary>The bytes the kernel wrote into buffer <paramref name="id"/>.</summary>
    public ReadOnlySpan<byte> Data(ushort id, int length) => new(_buffers + (nuint)id * (nuint)BufferSize, length);

    /// <summary>Puts buffer <paramref name="id"/> back in the ring (seen by the kernel after <see cref="Publish"/>).</summary>
    public void Recycle(ushort id)
    {
        var entry = _entries + (_tail & (_count - 1)) * 16;
        *(ulong*)entry = (ulong)(_buffers + (nuint)id * (nuint)BufferSize);
        *(uint*)(entry + 8) = (uint)BufferSize;
        *(ushort*)(entry + 12) = id;
        _tail++;
    }

    /// <summary>Makes recycled buffers visible to the kernel (the tail overlays the first entry's reserved field).</summary>
    public void Publish() => Volatile.Write(ref *(ushort*)(_entries + 14), _tail);

    public void Dispose()
    {
        // Unregistering needs the ring; a closed ring has dropped the registration itself.
        if (_registered && _ring.Fd >= 0)
        {
            var registration = new BufferRegistration { GroupId = GroupId };
            _ring.Register(UnregisterPbufRing, &registration, 1);
            _registered = false;
        }
        if (_buffers != null) { NativeMethods.munmap(_buffers, _buffersSize); _buffers = null; }
        if (_entries != null) { NativeMethods.munmap(_entries, _entriesSize); _entries = null; }
    }

    /// <summary>struct io_uring_buf_reg (40 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct BufferRegistration
    {
        public ulong RingAddress;
        public uint RingEntries;
        public ushort GroupId;
        public ushort Pad;
        public ulong Resv0, Resv1, Resv2;
    }
}
