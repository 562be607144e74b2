using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PerfNotebooks.Load.WebSockets;

/// <summary>
/// One opening handshake before a ws:// run, on an ordinary socket: a URL that does not upgrade (a 404, a 200 from an
/// HTTP endpoint, a 426) is told in one line with the status it answered, before any load connection opens. A server
/// that cannot be reached is left to the run (its connect errors are counted, as for HTTP).
/// </summary>
public static class WebSocketProbe
{
    /// <summary>Throws a <see cref="PerfNotebooksException"/> when <paramref name="url"/> answers the handshake with anything but a valid 101.</summary>
    public static async Task CheckAsync(Uri url, IPEndPoint endPoint, IReadOnlyList<KeyValuePair<string, string>> headers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var handshake = WebSocketHandshake.Create(url, headers);
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var buffer = new byte[WebSocketHandshake.MaxHeadLength + 1024];
        var have = 0;
        try
        {
            await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
            await socket.SendAsync(handshake.Request, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(have), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (read == 0)
                    throw new PerfNotebooksException($"{url} did not upgrade to a WebSocket: the server closed the connection {(have == 0 ? "without an answer" : "in the middle of its answer")}.");
                have += read;
                var outcome = handshake.Read(buffer.AsSpan(0, have), out _);
                if (outcome == WebSocketHandshakeOutcome.NeedMore)
                {
                    if (have == buffer.Length) throw new PerfNotebooksException($"{url} did not upgrade to a WebSocket: its answer's head is longer than {WebSocketHandshake.MaxHeadLength} bytes.");
                    continue;
                }
                if (outcome == WebSocketHandshakeOutcome.Upgraded) break;
                var status = handshake.Status.ToString(CultureInfo.InvariantCulture);
                throw new PerfNotebooksException(outcome == WebSocketHandshakeOutcome.Refused
                    ? $"{url} did not upgrade to a WebSocket: the server answered {status}{(handshake.Detail.Length > 0 ? " " + handshake.Detail : "")} instead of 101 Switching Protocols."
                    : $"{url} did not upgrade to a WebSocket: {handshake.Detail}.");
            }
            // A clean close, so the server does not log a broken connection: close frame 1000 (masked, as a client's must be).
            var close = new byte[WebSocketFrameWriter.MaxHeaderLength + 2];
            var length = WebSocketFrameWriter.WriteClose(close, 1000, MaskKeySource.Create().Next());
            await socket.SendAsync(close.AsMemory(0, length), SocketFlags.None, deadline.Token).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PerfNotebooksException($"{url} did not upgrade to a WebSocket: no answer to the opening handshake within {Duration.Format(timeout)}.");
        }
        catch (SocketException)
        {
            // Not reachable: the run counts its connect errors, as an HTTP run does.
        }
    }
}
