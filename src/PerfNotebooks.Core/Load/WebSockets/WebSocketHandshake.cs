using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PerfNotebooks.Load.WebSockets;

/// <summary>
/// The client's opening handshake (RFC 6455 section 4.1): the GET with Upgrade: websocket, Connection: Upgrade, a
/// random 16-byte Sec-WebSocket-Key and Sec-WebSocket-Version: 13; and the check of the server's answer: status
/// 101, Upgrade: websocket, Connection: upgrade, Sec-WebSocket-Accept = base64(SHA-1(key + the RFC's GUID)), no
/// extension or subprotocol that was not asked for. Any other status is a refusal, reported with its code
/// and reason phrase. One per connection attempt (a new key each time), built before the run's hot path.
/// </summary>
public sealed class WebSocketHandshake
{
    /// <summary>The GUID every server appends to the key (RFC 6455 section 1.3).</summary>
    public const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>An answer's head longer than this without its blank line is not a handshake answer.</summary>
    public const int MaxHeadLength = 16 * 1024;

    private readonly string _expectedAccept;

    private WebSocketHandshake(byte[] request, string key, string expectedAccept)
    {
        Request = request;
        Key = key;
        _expectedAccept = expectedAccept;
    }

    /// <summary>The request bytes to send.</summary>
    public ReadOnlyMemory<byte> Request { get; }

    /// <summary>The Sec-WebSocket-Key sent (base64 of 16 random bytes).</summary>
    public string Key { get; }

    /// <summary>The status code of the answer read (0 until a status line was read).</summary>
    public int Status { get; private set; }

    /// <summary>The reason phrase of the answer read ("Not Found"), or why a 101 failed validation.</summary>
    public string Detail { get; private set; } = "";

    /// <summary>A handshake for <paramref name="url"/> (ws://, path and query) with a fresh random key.</summary>
    public static WebSocketHandshake Create(Uri url, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        Span<byte> nonce = stackalloc byte[16];
        RandomNumberGenerator.Fill(nonce);
        return Create(url, Convert.ToBase64String(nonce), headers);
    }

    /// <summary>A handshake with a given key (tests use the RFC's example key).</summary>
    public static WebSocketHandshake Create(Uri url, string key, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port.ToString(CultureInfo.InvariantCulture)}";
        var sb = new StringBuilder(256);
        sb.Append("GET ").Append(url.PathAndQuery).Append(" HTTP/1.1\r\n")
          .Append("Host: ").Append(host).Append("\r\n")
          .Append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
          .Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n")
          .Append("Sec-WebSocket-Version: 13\r\n");
        foreach (var (name, value) in headers ?? []) sb.Append(name).Append(": ").Append(value).Append("\r\n");
        sb.Append("\r\n");
        return new WebSocketHandshake(Encoding.ASCII.GetBytes(sb.ToString()), key, AcceptFor(key));
    }

    /// <summary>base64(SHA-1(key + GUID)): what the server must answer in Sec-WebSocket-Accept.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6455 defines Sec-WebSocket-Accept with SHA-1; it proves the handshake, it protects nothing.")]
    public static string AcceptFor(string key)
        => Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));

    /// <summary>
    /// Reads the answer from the bytes received so far (from the connection's first byte). Upgraded: the head
    /// took <paramref name="consumed"/> bytes and what follows are frames. NeedMore: read on. Refused and
    /// Invalid: see <see cref="Status"/> and <see cref="Detail"/>.
    /// </summary>
    public WebSocketHandshakeOutcome Read(ReadOnlySpan<byte> received, out int consumed)
    {
        consumed = 0;
        var end = received.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            if (received.Length >= 12 && !received.StartsWith("HTTP/1."u8)) return Invalid("the answer is not HTTP");
            return received.Length > MaxHeadLength ? Invalid($"no end of the answer's head within {MaxHeadLength} bytes") : WebSocketHandshakeOutcome.NeedMore;
        }
        consumed = end + 4;
        var head = Encoding.Latin1.GetString(received[..end]);
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            return Invalid($"the status line '{lines[0]}' is not HTTP/1.x");
        Status = code;
        Detail = status.Length > 2 ? status[2] : "";
        if (code != 101) return WebSocketHandshakeOutcome.Refused;

        string? upgrade = null, connection = null, accept = null, extensions = null, protocol = null;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) return Invalid($"a header line '{line}' has no name");
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase)) upgrade = value;
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase)) connection = connection is null ? value : connection + "," + value;
            else if (name.Equals("Sec-WebSocket-Accept", StringComparison.OrdinalIgnoreCase)) accept = value;
            else if (name.Equals("Sec-WebSocket-Extensions", StringComparison.OrdinalIgnoreCase)) extensions = value;
            else if (name.Equals("Sec-WebSocket-Protocol", StringComparison.OrdinalIgnoreCase)) protocol = value;
        }
        if (!string.Equals(upgrade, "websocket", StringComparison.OrdinalIgnoreCase)) return Invalid("101 without 'Upgrade: websocket'");
        if (connection is null || !connection.Split(',').Any(t => t.Trim().Equals("upgrade", StringComparison.OrdinalIgnoreCase)))
            return Invalid("101 without 'Connection: Upgrade'");
        if (accept != _expectedAccept) return Invalid($"Sec-WebSocket-Accept '{accept}' is not '{_expectedAccept}'");
        if (!string.IsNullOrEmpty(extensions)) return Invalid($"the server chose an extension not asked for ({extensions})");
        if (!string.IsNullOrEmpty(protocol)) return Invalid($"the server chose a subprotocol not asked for ({protocol})");
        return WebSocketHandshakeOutcome.Upgraded;
    }

    private WebSocketHandshakeOutcome Invalid(string why)
    {
        Detail = why;
        return WebSocketHandshakeOutcome.Invalid;
    }
}
