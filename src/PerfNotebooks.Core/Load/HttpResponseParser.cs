using System.Buffers.Text;
using System.Text;

namespace PerfNotebooks.Load;

/// <summary>What one call to <see cref="HttpResponseParser.Parse"/> found.</summary>
internal enum ParseStatus
{
    /// <summary>The bytes so far are a valid prefix: read more and call again.</summary>
    NeedMoreData,

    /// <summary>One whole response ended; <see cref="HttpResponseParser.StatusCode"/> and <see cref="HttpResponseParser.CloseAfter"/> describe it.</summary>
    Complete,

    /// <summary>The bytes are not an HTTP/1.x response.</summary>
    Malformed,
}

/// <summary>
/// An incremental HTTP/1.x response parser in the style of Kestrel's HttpParser: it reads spans,
/// finds delimiters with vectorized IndexOf, keeps numbers and flags rather than strings, and answers
/// "need more data" instead of buffering. One instance per connection, reused for every response, so
/// parsing allocates nothing. Bodies are counted, not kept: Content-Length, chunked and (HTTP/1.0 style)
/// close-delimited.
/// </summary>
internal struct HttpResponseParser
{
    private const int StateHead = 0, StateFixedBody = 1, StateChunkSize = 2, StateChunkData = 3,
        StateChunkDataEnd = 4, StateTrailers = 5, StateUntilClose = 6;

    private int _state;
    private long _remaining;

    /// <summary>Status code of the response being parsed (valid once the head is parsed).</summary>
    public int StatusCode { get; private set; }

    /// <summary>The server said it closes the connection after this response (or HTTP/1.0 without keep-alive).</summary>
    public bool CloseAfter { get; private set; }

    /// <summary>The body runs until the server closes the connection: EOF completes the response.</summary>
    public readonly bool IsReadingUntilClose => _state == StateUntilClose;

    /// <summary>True before any byte of the current response was consumed.</summary>
    public readonly bool AtResponseStart => _state == StateHead;

    /// <summary>Set for responses to HEAD, which never carry a body.</summary>
    public bool NoBodyExpected { get; set; }

    /// <summary>Forgets the last response; call after <see cref="ParseStatus.Complete"/>.</summary>
    public void Reset()
    {
        _state = StateHead;
        _remaining = 0;
        StatusCode = 0;
        CloseAfter = false;
    }

    /// <summary>
    /// Consumes bytes of one response from <paramref name="data"/>. Stops at the end of a response so the
    /// caller can record it; bytes after it (pipelined responses) are left unconsumed.
    /// </summary>
    public ParseStatus Parse(ReadOnlySpan<byte> data, out int consumed)
    {
        consumed = 0;
        while (true)
        {
            var rest = data[consumed..];
            switch (_state)
            {
                case StateHead:
                {
                    var end = rest.IndexOf("\r\n\r\n"u8);
                    if (end < 0) return ParseStatus.NeedMoreData;
                    if (!ParseHead(rest[..(end + 2)])) return ParseStatus.Malformed;
                    consumed += end + 4;
                    if (StatusCode is >= 100 and < 200)
                    {
                        // An interim response (100 Continue): the real one follows.
                        Reset();
                        continue;
                    }
                    if (_state == StateFixedBody && _remaining == 0) return Done();
                    continue;
                }
                case StateFixedBody:
                {
                    var take = (int)Math.Min(_remaining, rest.Length);
                    consumed += take;
                    _remaining -= take;
                    if (_remaining == 0) return Done();
                    return ParseStatus.NeedMoreData;
                }
                case StateChunkSize:
                {
                    var lineEnd = rest.IndexOf("\r\n"u8);
                    if (lineEnd < 0) return rest.Length > 1024 ? ParseStatus.Malformed : ParseStatus.NeedMoreData;
                    var line = rest[..lineEnd];
                    var semicolon = line.IndexOf((byte)';');
                    if (semicolon >= 0) line = line[..semicolon];
                    line = line.Trim((byte)' ');
                    if (line.IsEmpty || !Utf8Parser.TryParse(line, out long size, out var used, 'x') || used != line.Length || size < 0)
                        return ParseStatus.Malformed;
                    consumed += lineEnd + 2;
                    if (size == 0)
                    {
                        _state = StateTrailers;
                    }
                    else
                    {
                        _remaining = size;
                        _state = StateChunkData;
                    }
                    continue;
                }
                case StateChunkData:
                {
                    var take = (int)Math.Min(_remaining, rest.Length);
                    consumed += take;
                    _remaining -= take;
                    if (_remaining > 0) return ParseStatus.NeedMoreData;
                    _state = StateChunkDataEnd;
                    continue;
                }
                case StateChunkDataEnd:
                {
                    if (rest.Length < 2) return ParseStatus.NeedMoreData;
                    if (rest[0] != (byte)'\r' || rest[1] != (byte)'\n') return ParseStatus.Malformed;
                    consumed += 2;
                    _state = StateChunkSize;
                    continue;
                }
                case StateTrailers:
                {
                    var lineEnd = rest.IndexOf("\r\n"u8);
                    if (lineEnd < 0) return rest.Length > 8192 ? ParseStatus.Malformed : ParseStatus.NeedMoreData;
                    consumed += lineEnd + 2;
                    if (lineEnd == 0) return Done();
                    continue;
                }
                case StateUntilClose:
                    consumed += rest.Length;
                    return ParseStatus.NeedMoreData;
                default:
                    return ParseStatus.Malformed;
            }
        }
    }

    /// <summary>Ends a close-delimited body at EOF.</summary>
    public ParseStatus CompleteAtEndOfStream()
    {
        if (_state != StateUntilClose) return ParseStatus.Malformed;
        return Done();
    }

    private ParseStatus Done()
    {
        _state = StateHead;
        return ParseStatus.Complete;
    }

    /// <summary>Parses the status line and headers (each line ending in CRLF) and picks the body framing.</summary>
    private bool ParseHead(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.x SSS reason\r\n"
        if (head.Length < 14 || !head.StartsWith("HTTP/1."u8)) return false;
        var minor = head[7];
        if (minor != (byte)'0' && minor != (byte)'1') return false;
        if (head[8] != (byte)' ') return false;
        int d0 = head[9] - '0', d1 = head[10] - '0', d2 = head[11] - '0';
        if ((uint)d0 > 9 || (uint)d1 > 9 || (uint)d2 > 9) return false;
        if (head[12] != (byte)' ' && head[12] != (byte)'\r') return false;
        StatusCode = d0 * 100 + d1 * 10 + d2;
        var http10 = minor == (byte)'0';
        CloseAfter = http10;

        var lineEnd = head.IndexOf("\r\n"u8);
        if (lineEnd < 0) return false;
        var rest = head[(lineEnd + 2)..];
        long contentLength = -1;
        var chunked = false;
        while (!rest.IsEmpty)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            if (lineEnd < 0) return false;
            var line = rest[..lineEnd];
            rest = rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0) return false;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
            switch (name.Length)
            {
                case 14 when Ascii.EqualsIgnoreCase(name, "Content-Length"u8):
                    if (!Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0) return false;
                    contentLength = length;
                    break;
                case 17 when Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8):
                    chunked = EndsWithIgnoreCase(value, "chunked"u8);
                    break;
                case 10 when Ascii.EqualsIgnoreCase(name, "Connection"u8):
                    if (ContainsIgnoreCase(value, "close"u8)) CloseAfter = true;
                    else if (http10 && ContainsIgnoreCase(value, "keep-alive"u8)) CloseAfter = false;
                    break;
            }
        }

        if (NoBodyExpected || StatusCode is 204 or 304 || StatusCode < 200)
        {
            _state = StateFixedBody;
            _remaining = 0;
        }
        else if (chunked)
        {
            _state = StateChunkSize;
        }
        else if (contentLength >= 0)
        {
            _state = StateFixedBody;
            _remaining = contentLength;
        }
        else
        {
            // No framing: the body ends when the server closes (RFC 9112 6.3, item 8).
            _state = StateUntilClose;
            CloseAfter = true;
        }
        return true;
    }

    private static bool EndsWithIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> suffix)
        => value.Length >= suffix.Length && Ascii.EqualsIgnoreCase(value[^suffix.Length..], suffix);

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        for (var i = 0; i + token.Length <= value.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(value.Slice(i, token.Length), token)) return true;
        }
        return false;
    }
}
