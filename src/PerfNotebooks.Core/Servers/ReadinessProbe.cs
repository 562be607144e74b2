using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PerfNotebooks.Servers;

/// <summary>
/// One GET of the ready path over a raw socket: true when the server answers 2xx; with no path, true as soon
/// as the port accepts a connection. A raw socket, not HttpClient, so that polling every few milliseconds
/// costs no connection pool and no handler state.
/// </summary>
internal static class ReadinessProbe
{
    public static async Task<bool> IsReadyAsync(IPEndPoint endpoint, string? path, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(2));
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, attempt.Token).ConfigureAwait(false);
            if (path is null) return true;
            var host = endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString();
            var request = Encoding.ASCII.GetBytes(
                FormattableString.Invariant($"GET {path} HTTP/1.1\r\nHost: {host}:{endpoint.Port}\r\nConnection: close\r\n\r\n"));
            await socket.SendAsync(request, SocketFlags.None, attempt.Token).ConfigureAwait(false);
            var buffer = new byte[64];
            var read = 0;
            while (read < 12)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, attempt.Token).ConfigureAwait(false);
                if (n == 0) return false;
                read += n;
            }
            // "HTTP/1.1 200 ..." or "HTTP/1.0 204 ...": the status code sits at bytes 9-11.
            return buffer.AsSpan(0, 5).SequenceEqual("HTTP/"u8) && buffer[9] == (byte)'2';
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
