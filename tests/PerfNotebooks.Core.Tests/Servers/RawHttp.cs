using System.Net.Sockets;
using System.Text;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>
/// A tiny HTTP/1.1 client over a raw socket for tests: it shows the headers exactly as the server sent them
/// (HttpClient would compute a Content-Length it did not get).
/// </summary>
internal static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);
    }

    public static async Task<Response> SendAsync(Uri baseUrl, string method, string pathAndQuery, byte[]? body = null,
        string? contentType = null, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        using var client = new TcpClient(baseUrl.HostNameType == UriHostNameType.IPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
        await client.ConnectAsync(baseUrl.IdnHost.Trim('[', ']'), baseUrl.Port, timeout.Token);
        var stream = client.GetStream();
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(baseUrl.Authority).Append("\r\n")
            .Append("Connection: close\r\n");
        if (body is not null)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
            if (contentType is not null) head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), timeout.Token);
        if (body is not null) await stream.WriteAsync(body, timeout.Token);

        using var all = new MemoryStream();
        await stream.CopyToAsync(all, timeout.Token);
        var bytes = all.ToArray();
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0) throw new InvalidOperationException($"no complete response head: {Encoding.ASCII.GetString(bytes)}");
        var lines = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var content = bytes[(end + 4)..];
        if (headers.TryGetValue("Content-Length", out var length) && int.Parse(length) < content.Length)
            content = content[..int.Parse(length)];
        return new Response(status, headers, content);
    }

    public static Task<Response> GetAsync(Uri baseUrl, string pathAndQuery, CancellationToken cancellationToken = default)
        => SendAsync(baseUrl, "GET", pathAndQuery, cancellationToken: cancellationToken);
}
