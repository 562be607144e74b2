using System.Buffers;
using System.Text;

namespace PerfNotebooks.Load;

/// <summary>What one call to <see cref="HttpResponseParser.Parse"/> found.</summary>
internal enum ParseStatus
{
    /// <summary>The bytes so far are a valid prefix: read more and call again.</summary>
    NeedMoreData,

    /// <summary>One whole response ended; <see cref="HttpResponseParser.StatusCode"/> and <see cref="HttpResponseParser.CloseAfter"/> describe it.</summary>
    Complete,

    /// <summary>The bytes are not an HTTP/1.x response (llhttp, in its strict mode, would refuse them too).</summary>
    Malformed,
}

/// <summary>
/// An incremental HTTP/1.x response parser in the style of Kestrel's HttpParser: it reads spans, finds
/// delimiters with vectorized IndexOf, keeps numbers and flags rather than strings, and answers "need more
/// data" instead of buffering. One instance per connection, reused for every response, so parsing allocates
/// nothing. Bodies are counted, not kept: Content-Length, chunked and close-delimited.
/// <para>
/// It accepts what llhttp (the parser behind Node.js) accepts in its default, strict mode and refuses what
/// it refuses, so a misbehaving server is a protocol error here exactly when it would be one for Node;
/// docs/parser.md lists the few deliberate differences. The head is parsed a line at a time as lines
/// arrive: a line ending in a bare LF, a bare CR, bytes that cannot begin a status line, a duplicate
/// Content-Length, whitespace before a header's colon are refused as soon as they are seen, never left to
/// time out. Every read is a span slice: it cannot run past what it was given.
/// </para>
/// </summary>
internal struct HttpResponseParser
{
    /// <summary>A response head (status line, headers) or a trailer section larger than this is refused.</summary>
    internal const int MaxHeadBytes = 64 * 1024;

    /// <summary>A chunk-size line (with its extensions) longer than this is refused.</summary>
    internal const int MaxChunkLineBytes = 4 * 1024;

    private const int StateStatusLine = 0, StateHeaders = 1, StateFixedBody = 2, StateChunkSize = 3, StateChunkData = 4,
        StateChunkDataEnd = 5, StateTrailers = 6, StateUntilClose = 7;

    // RFC 9110 tchar: header names and chunk-extension names/values.
    private static readonly SearchValues<byte> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // Bytes llhttp refuses in a header value: controls other than HTAB (CR and LF included: a bare one is an error), and DEL.
    private static readonly SearchValues<byte> InvalidValueChars = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    private int _state;
    private long _remaining;
    private int _headBytes;
    private long _contentLength;
    private bool _hasTransferEncoding;
    private bool _chunked;
    private bool _closeToken;
    private bool _keepAliveToken;
    private bool _closeByDefault;

    /// <summary>Status code of the response being parsed (valid once its status line is parsed).</summary>
    public int StatusCode { get; private set; }

    /// <summary>The server closes the connection after this response: Connection: close, HTTP/1.0 without keep-alive, a close-delimited body, or 101 Switching Protocols.</summary>
    public bool CloseAfter { get; private set; }

    /// <summary>The body runs until the server closes the connection: EOF completes the response.</summary>
    public readonly bool IsReadingUntilClose => _state == StateUntilClose;

    /// <summary>True before any byte of the current response was consumed.</summary>
    public readonly bool AtResponseStart => _state == StateStatusLine && _headBytes == 0;

    /// <summary>Set for responses to HEAD, which never carry a body.</summary>
    public bool NoBodyExpected { get; set; }

    /// <summary>Forgets the response in progress (a new connection); <see cref="NoBodyExpected"/> is kept.</summary>
    public void Reset()
    {
        _state = StateStatusLine;
        _remaining = 0;
        _headBytes = 0;
        StatusCode = 0;
        CloseAfter = false;
        ClearHeadFlags();
    }

    /// <summary>
    /// Consumes bytes of one response from <paramref name="data"/>. Stops at the end of a response so the
    /// caller can record it; bytes after it (pipelined responses) are left unconsumed. An incomplete line is
    /// left unconsumed too: call again with it and what arrived after it.
    /// </summary>
    public ParseStatus Parse(ReadOnlySpan<byte> data, out int consumed)
    {
        consumed = 0;
        while (true)
        {
            var rest = data[consumed..];
            switch (_state)
            {
                case StateStatusLine:
                {
                    var lf = rest.IndexOf((byte)'\n');
                    if (lf < 0)
                    {
                        // Refuse garbage at once rather than wait for a line end that may never come.
                        if (!CouldStartStatusLine(rest) || _headBytes + rest.Length > MaxHeadBytes) return ParseStatus.Malformed;
                        return ParseStatus.NeedMoreData;
                    }
                    if (lf == 0 || rest[lf - 1] != (byte)'\r') return ParseStatus.Malformed; // a bare LF (llhttp: "Missing expected CR")
                    var line = rest[..(lf - 1)];
                    consumed += lf + 1;
                    _headBytes += lf + 1;
                    if (_headBytes > MaxHeadBytes) return ParseStatus.Malformed;
                    if (line.IsEmpty) continue; // llhttp skips empty lines before a response
                    if (!ParseStatusLine(line)) return ParseStatus.Malformed;
                    _state = StateHeaders;
                    continue;
                }
                case StateHeaders:
                case StateTrailers:
                {
                    var lf = rest.IndexOf((byte)'\n');
                    if (lf < 0) return _headBytes + rest.Length > MaxHeadBytes ? ParseStatus.Malformed : ParseStatus.NeedMoreData;
                    if (lf == 0 || rest[lf - 1] != (byte)'\r') return ParseStatus.Malformed;
                    var line = rest[..(lf - 1)];
                    consumed += lf + 1;
                    _headBytes += lf + 1;
                    if (_headBytes > MaxHeadBytes) return ParseStatus.Malformed;
                    if (_state == StateTrailers)
                    {
                        if (line.IsEmpty) return Done();
                        if (!SplitHeader(line, out _, out _)) return ParseStatus.Malformed;
                        continue;
                    }
                    if (!line.IsEmpty)
                    {
                        if (!ParseHeader(line)) return ParseStatus.Malformed;
                        continue;
                    }
                    // The end of the head: choose the framing of the body.
                    if (StatusCode is >= 100 and < 200 and not 101)
                    {
                        // An interim response (100 Continue, 102, 103 Early Hints): the final one follows.
                        _state = StateStatusLine;
                        _headBytes = 0;
                        continue;
                    }
                    CloseAfter = _closeToken || (_closeByDefault && !_keepAliveToken);
                    if (StatusCode == 101)
                    {
                        // Switching Protocols ends the HTTP exchange: what follows is another protocol.
                        CloseAfter = true;
                        return Done();
                    }
                    if (NoBodyExpected || StatusCode is 204 or 304) return Done();
                    if (_chunked)
                    {
                        _state = StateChunkSize;
                    }
                    else if (_hasTransferEncoding || _contentLength < 0)
                    {
                        // No length, or a transfer coding other than chunked last: the body ends when the
                        // server closes (RFC 9112 6.3, items 4 and 8).
                        _state = StateUntilClose;
                        CloseAfter = true;
                    }
                    else if (_contentLength == 0)
                    {
                        return Done();
                    }
                    else
                    {
                        _state = StateFixedBody;
                        _remaining = _contentLength;
                    }
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
                    var lf = rest.IndexOf((byte)'\n');
                    if (lf < 0) return rest.Length > MaxChunkLineBytes ? ParseStatus.Malformed : ParseStatus.NeedMoreData;
                    if (lf == 0 || rest[lf - 1] != (byte)'\r' || lf > MaxChunkLineBytes) return ParseStatus.Malformed;
                    if (!ParseChunkSize(rest[..(lf - 1)], out var size)) return ParseStatus.Malformed;
                    consumed += lf + 1;
                    if (size == 0)
                    {
                        _state = StateTrailers;
                        _headBytes = 0;
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
                    if (rest.IsEmpty) return ParseStatus.NeedMoreData;
                    if (rest[0] != (byte)'\r') return ParseStatus.Malformed;
                    if (rest.Length < 2) return ParseStatus.NeedMoreData;
                    if (rest[1] != (byte)'\n') return ParseStatus.Malformed;
                    consumed += 2;
                    _state = StateChunkSize;
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

    /// <summary>Ends a close-delimited body at EOF; any other state at EOF is an incomplete response.</summary>
    public ParseStatus CompleteAtEndOfStream()
    {
        if (_state != StateUntilClose) return ParseStatus.Malformed;
        return Done();
    }

    private ParseStatus Done()
    {
        _state = StateStatusLine;
        _headBytes = 0;
        _remaining = 0;
        return ParseStatus.Complete;
    }

    private void ClearHeadFlags()
    {
        _contentLength = -1;
        _hasTransferEncoding = false;
        _chunked = false;
        _closeToken = false;
        _keepAliveToken = false;
        _closeByDefault = false;
    }

    /// <summary>
    /// Whether <paramref name="partial"/> (no line end yet) can still become "HTTP/d.d ddd": checked byte by
    /// byte as far as it goes, so garbage is refused at its first wrong byte.
    /// </summary>
    private static bool CouldStartStatusLine(ReadOnlySpan<byte> partial)
    {
        if (partial.IsEmpty) return true;
        if (partial.Length == 1 && partial[0] == (byte)'\r') return true; // the CR of an empty line (skipped, as llhttp does)
        ReadOnlySpan<byte> pattern = "HTTP/0.0 000"u8; // '0' stands for any digit
        var n = Math.Min(partial.Length, pattern.Length);
        for (var i = 0; i < n; i++)
        {
            var expected = pattern[i];
            var actual = partial[i];
            if (expected == (byte)'0' ? !IsDigit(actual) : actual != expected) return false;
        }
        return partial.Length <= pattern.Length || partial[pattern.Length] is (byte)' ' or (byte)'\r';
    }

    /// <summary>"HTTP/M.m SSS[ reason]" (without the CRLF); the versions llhttp accepts: 0.9, 1.0, 1.1, 2.0.</summary>
    private bool ParseStatusLine(ReadOnlySpan<byte> line)
    {
        if (line.Length < 12 || !line.StartsWith("HTTP/"u8) || line[6] != (byte)'.' || line[8] != (byte)' ') return false;
        int major = line[5] - '0', minor = line[7] - '0';
        var supported = (major, minor) is (0, 9) or (1, 0) or (1, 1) or (2, 0);
        if (!supported) return false;
        int d0 = line[9] - '0', d1 = line[10] - '0', d2 = line[11] - '0';
        if ((uint)d0 > 9 || (uint)d1 > 9 || (uint)d2 > 9) return false;
        if (line.Length > 12 && line[12] != (byte)' ') return false;
        if (line.Length > 13 && line[13..].Contains((byte)'\r')) return false; // a bare CR in the reason
        ClearHeadFlags();
        StatusCode = d0 * 100 + d1 * 10 + d2;
        CloseAfter = false;
        // llhttp_should_keep_alive: only HTTP/1.1 (major and minor above 0) keeps the connection by default.
        _closeByDefault = !(major > 0 && minor > 0);
        return true;
    }

    /// <summary>Checks one header line and notes the headers that frame the body or end the connection.</summary>
    private bool ParseHeader(ReadOnlySpan<byte> line)
    {
        if (!SplitHeader(line, out var name, out var value)) return false;
        switch (name.Length)
        {
            case 14 when Ascii.EqualsIgnoreCase(name, "Content-Length"u8):
            {
                // llhttp refuses any second Content-Length (equal or not) and one beside Transfer-Encoding.
                if (_contentLength >= 0 || _hasTransferEncoding || value.IsEmpty) return false;
                long length = 0;
                foreach (var b in value)
                {
                    var digit = b - '0';
                    if ((uint)digit > 9 || length > (long.MaxValue - digit) / 10) return false; // '+5', '-1', '5 5', overflow
                    length = length * 10 + digit;
                }
                _contentLength = length;
                return true;
            }
            case 17 when Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8):
            {
                if (_contentLength >= 0) return false;
                // Chunked only when it is the final coding; each Transfer-Encoding line continues the list.
                _hasTransferEncoding = true;
                var lastComma = value.LastIndexOf((byte)',');
                var last = lastComma < 0 ? value : TrimWhitespace(value[(lastComma + 1)..]);
                _chunked = Ascii.EqualsIgnoreCase(last, "chunked"u8);
                return true;
            }
            case 10 when Ascii.EqualsIgnoreCase(name, "Connection"u8):
            {
                var tokens = value;
                while (true)
                {
                    var comma = tokens.IndexOf((byte)',');
                    var token = TrimWhitespace(comma < 0 ? tokens : tokens[..comma]);
                    if (Ascii.EqualsIgnoreCase(token, "close"u8)) _closeToken = true;
                    else if (Ascii.EqualsIgnoreCase(token, "keep-alive"u8)) _keepAliveToken = true;
                    if (comma < 0) return true;
                    tokens = tokens[(comma + 1)..];
                }
            }
            default:
                return true;
        }
    }

    /// <summary>
    /// "name: value" as llhttp takes it: the name a non-empty token directly followed by the colon (no
    /// whitespace before it, no folded continuation line), the value without surrounding spaces and tabs and
    /// with no control byte but tab.
    /// </summary>
    private static bool SplitHeader(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        var colon = line.IndexOf((byte)':');
        name = colon > 0 ? line[..colon] : default;
        if (colon <= 0 || name.IndexOfAnyExcept(TokenChars) >= 0) return false;
        value = TrimWhitespace(line[(colon + 1)..]);
        return value.IndexOfAny(InvalidValueChars) < 0;
    }

    /// <summary>"HEX[;ext[=value]]..." (without the CRLF): hex digits only, no whitespace, extensions as llhttp checks them.</summary>
    private static bool ParseChunkSize(ReadOnlySpan<byte> line, out long size)
    {
        size = 0;
        var i = 0;
        for (; i < line.Length; i++)
        {
            var hex = HexValue(line[i]);
            if (hex < 0) break;
            if (size > (long.MaxValue >> 4)) return false;
            size = (size << 4) | (long)hex;
        }
        if (i == 0) return false;
        return i == line.Length || (line[i] == (byte)';' && ValidChunkExtensions(line[i..]));
    }

    /// <summary>";name[=token|"quoted"]" repeated, as llhttp's chunk_extensions nodes accept them.</summary>
    private static bool ValidChunkExtensions(ReadOnlySpan<byte> rest)
    {
        while (!rest.IsEmpty)
        {
            if (rest[0] != (byte)';') return false;
            rest = rest[1..];
            if (rest.IsEmpty || rest[0] == (byte)' ') return false;
            var nameEnd = rest.IndexOfAnyExcept(TokenChars);
            if (nameEnd < 0) return true;
            rest = rest[nameEnd..];
            if (rest[0] == (byte)';') continue;
            if (rest[0] != (byte)'=') return false;
            rest = rest[1..];
            if (!rest.IsEmpty && rest[0] == (byte)'"')
            {
                var i = 1;
                while (true)
                {
                    if (i >= rest.Length) return false;
                    var b = rest[i];
                    if (b == (byte)'"') break;
                    if (b == (byte)'\\')
                    {
                        if (i + 1 >= rest.Length || !IsQuotedPairChar(rest[i + 1])) return false;
                        i += 2;
                        continue;
                    }
                    if (!IsQuotedTextChar(b)) return false;
                    i++;
                }
                rest = rest[(i + 1)..];
            }
            else
            {
                var valueEnd = rest.IndexOfAnyExcept(TokenChars);
                if (valueEnd < 0) return true;
                rest = rest[valueEnd..];
            }
        }
        return true;
    }

    private static bool IsQuotedTextChar(byte b) => b is (byte)'\t' or (byte)' ' or 0x21 or (>= 0x23 and <= 0x5B) or (>= 0x5D and <= 0x7E) or >= 0x80;

    private static bool IsQuotedPairChar(byte b) => b is (byte)'\t' or (>= 0x20 and <= 0x7E) or >= 0x80;

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length && value[start] is (byte)' ' or (byte)'\t') start++;
        var end = value.Length;
        while (end > start && value[end - 1] is (byte)' ' or (byte)'\t') end--;
        return value[start..end];
    }
}
