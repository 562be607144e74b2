using System.Globalization;
using System.Text;

namespace PerfNotebooks.Load;

/// <summary>
/// Builds the request bytes once, before the run: the hot path only ever sends slices of this array.
/// For pipelining the request is repeated <see cref="LoadSpec.Pipeline"/> times back to back so a batch
/// of N requests is one send of N * <see cref="RequestLength"/> bytes.
/// </summary>
internal sealed class RequestBytes
{
    private RequestBytes(byte[] bytes, int requestLength)
    {
        Bytes = bytes;
        RequestLength = requestLength;
    }

    /// <summary>Pipeline-many copies of the request.</summary>
    public byte[] Bytes { get; }

    /// <summary>Bytes in one request.</summary>
    public int RequestLength { get; }

    public static RequestBytes Build(LoadSpec spec)
    {
        var url = spec.Url;
        var head = new StringBuilder();
        head.Append(spec.Method.ToUpperInvariant()).Append(' ').Append(string.IsNullOrEmpty(url.PathAndQuery) ? "/" : url.PathAndQuery).Append(" HTTP/1.1\r\n");
        var hasHost = spec.Headers.Any(h => string.Equals(h.Key, "Host", StringComparison.OrdinalIgnoreCase));
        if (!hasHost) head.Append("Host: ").Append(url.IsDefaultPort ? url.Host : url.Host + ":" + url.Port.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var (name, value) in spec.Headers)
        {
            if (string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        if (!spec.KeepAlive && !spec.Headers.Any(h => string.Equals(h.Key, "Connection", StringComparison.OrdinalIgnoreCase)))
            head.Append("Connection: close\r\n");
        var body = spec.Body ?? [];
        if (body.Length > 0 || !IsBodiless(spec.Method))
            head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append("\r\n");

        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        var one = new byte[headBytes.Length + body.Length];
        headBytes.CopyTo(one, 0);
        body.CopyTo(one, headBytes.Length);

        var copies = Math.Max(1, spec.Pipeline);
        var all = new byte[one.Length * copies];
        for (var i = 0; i < copies; i++) one.CopyTo(all, i * one.Length);
        return new RequestBytes(all, one.Length);
    }

    private static bool IsBodiless(string method)
        => method.Equals("GET", StringComparison.OrdinalIgnoreCase) || method.Equals("HEAD", StringComparison.OrdinalIgnoreCase)
           || method.Equals("DELETE", StringComparison.OrdinalIgnoreCase) || method.Equals("OPTIONS", StringComparison.OrdinalIgnoreCase);
}
