using System.Buffers.Binary;

namespace PerfNotebooks.Load.WebSockets;

/// <summary>
/// Reads server frames (RFC 6455 section 5) from bytes as they arrive, in any pieces: a header split across reads
/// is kept (at most 10 bytes), a payload is skipped as it streams past, keeping only a message's first bytes
/// (<see cref="HeadCapacity"/>) and a control frame's payload (at most 125). Fragmented messages are put
/// together: the sink hears of each whole message once. Nothing allocates after construction. The first
/// violation stops the reader (<see cref="Error"/>); a reader is for one connection and is <see cref="Reset"/>
/// when it reconnects.
/// </summary>
public sealed class WebSocketFrameReader
{
    /// <summary>How many leading bytes of each message the sink sees (enough for a load message's send time, sender and number).</summary>
    public const int HeadCapacity = 64;

    private readonly byte[] _header = new byte[10];
    private readonly byte[] _control = new byte[WebSocketFrameWriter.MaxControlPayload];
    private readonly byte[] _head = new byte[HeadCapacity];
    private int _headerHave;
    private int _headerNeed = 2;
    private bool _inPayload;
    private long _payloadLeft;
    private WebSocketOpcode _frameOpcode;
    private bool _frameFin;
    private int _controlHave;

    // The message being put together from its frames.
    private bool _inMessage;
    private WebSocketOpcode _messageOpcode;
    private long _messageLength;
    private int _headHave;

    /// <summary>The first violation seen; <see cref="WebSocketProtocolError.None"/> while the stream is valid.</summary>
    public WebSocketProtocolError Error { get; private set; }

    /// <summary>Data messages completed so far.</summary>
    public long Messages { get; private set; }

    /// <summary>Forgets any partial frame and message (a new connection).</summary>
    public void Reset()
    {
        _headerHave = 0;
        _headerNeed = 2;
        _inPayload = false;
        _payloadLeft = 0;
        _controlHave = 0;
        _inMessage = false;
        _messageLength = 0;
        _headHave = 0;
        Error = WebSocketProtocolError.None;
    }

    /// <summary>
    /// Reads every byte of <paramref name="data"/>, telling <paramref name="sink"/> of each message, ping, pong and
    /// close as it completes. False (and <see cref="Error"/> set) at the first violation; the rest is not read.
    /// </summary>
    public bool Read<TSink>(ReadOnlySpan<byte> data, TSink sink) where TSink : IWebSocketFrameSink
    {
        if (Error != WebSocketProtocolError.None) return false;
        while (true)
        {
            if (!_inPayload)
            {
                var take = Math.Min(_headerNeed - _headerHave, data.Length);
                data[..take].CopyTo(_header.AsSpan(_headerHave));
                _headerHave += take;
                data = data[take..];
                if (_headerHave < _headerNeed) return true;
                if (_headerNeed == 2)
                {
                    // The first two bytes say how long the header is.
                    var len7 = _header[1] & 0x7F;
                    var extended = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
                    if (extended > 0)
                    {
                        _headerNeed = 2 + extended;
                        continue;
                    }
                }
                if (!StartFrame()) return false;
                if (_payloadLeft == 0 && !EndFrame(sink)) return false;
                continue;
            }
            if (data.IsEmpty) return true;
            var chunk = (int)Math.Min(_payloadLeft, data.Length);
            Payload(data[..chunk]);
            data = data[chunk..];
            _payloadLeft -= chunk;
            if (_payloadLeft == 0 && !EndFrame(sink)) return false;
        }
    }

    private bool StartFrame()
    {
        var b0 = _header[0];
        var b1 = _header[1];
        if ((b1 & 0x80) != 0) return Fail(WebSocketProtocolError.MaskedServerFrame);
        if ((b0 & 0x70) != 0) return Fail(WebSocketProtocolError.ReservedBits);
        _frameFin = (b0 & 0x80) != 0;
        _frameOpcode = (WebSocketOpcode)(b0 & 0x0F);
        long length = b1 & 0x7F;
        if (length == 126)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(2));
            if (length < 126) return Fail(WebSocketProtocolError.BadLength);
        }
        else if (length == 127)
        {
            var wide = BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(2));
            if (wide > long.MaxValue || wide <= ushort.MaxValue) return Fail(WebSocketProtocolError.BadLength);
            length = (long)wide;
        }
        switch (_frameOpcode)
        {
            case WebSocketOpcode.Text or WebSocketOpcode.Binary:
                if (_inMessage) return Fail(WebSocketProtocolError.BadFragmentation);
                _inMessage = true;
                _messageOpcode = _frameOpcode;
                _messageLength = 0;
                _headHave = 0;
                break;
            case WebSocketOpcode.Continuation:
                if (!_inMessage) return Fail(WebSocketProtocolError.BadFragmentation);
                break;
            case WebSocketOpcode.Close or WebSocketOpcode.Ping or WebSocketOpcode.Pong:
                if (!_frameFin || length > WebSocketFrameWriter.MaxControlPayload) return Fail(WebSocketProtocolError.BadControlFrame);
                if (_frameOpcode == WebSocketOpcode.Close && length == 1) return Fail(WebSocketProtocolError.BadClosePayload);
                _controlHave = 0;
                break;
            default:
                return Fail(WebSocketProtocolError.UnknownOpcode);
        }
        _payloadLeft = length;
        _inPayload = true;
        return true;
    }

    private void Payload(ReadOnlySpan<byte> bytes)
    {
        if (_frameOpcode >= WebSocketOpcode.Close)
        {
            bytes.CopyTo(_control.AsSpan(_controlHave));
            _controlHave += bytes.Length;
            return;
        }
        _messageLength += bytes.Length;
        var room = HeadCapacity - _headHave;
        if (room <= 0) return;
        var keep = Math.Min(room, bytes.Length);
        bytes[..keep].CopyTo(_head.AsSpan(_headHave));
        _headHave += keep;
    }

    private bool EndFrame<TSink>(TSink sink) where TSink : IWebSocketFrameSink
    {
        _inPayload = false;
        _headerHave = 0;
        _headerNeed = 2;
        switch (_frameOpcode)
        {
            case WebSocketOpcode.Ping:
                sink.OnPing(_control.AsSpan(0, _controlHave));
                break;
            case WebSocketOpcode.Pong:
                sink.OnPong(_control.AsSpan(0, _controlHave));
                break;
            case WebSocketOpcode.Close:
                sink.OnClose(_controlHave >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(_control) : 1005);
                break;
            default:
                if (!_frameFin) break;
                _inMessage = false;
                Messages++;
                sink.OnMessage(_messageOpcode, _messageLength, _head.AsSpan(0, _headHave));
                break;
        }
        return true;
    }

    private bool Fail(WebSocketProtocolError error)
    {
        Error = error;
        return false;
    }
}
