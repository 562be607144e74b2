using System.Net.WebSockets;
using System.Text;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>
/// Every catalog stack that says it serves WebSockets does, with a real client (.NET's ClientWebSocket):
/// /ws/echo sends each message back unchanged, /ws/broadcast?room=N delivers each message to every other
/// client of room N and to nobody else.
/// </summary>
public sealed class WebSocketContractSpecs
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static TheoryData<string> WebSocketStacks => [.. StackCatalog.All.Where(s => s.WebSockets).Select(s => s.Name)];

    [Fact]
    public void The_catalog_says_which_stacks_serve_WebSockets()
    {
        var serving = StackCatalog.All.Where(s => s.WebSockets).Select(s => s.Name).ToHashSet();
        foreach (var name in new[] { "tornado", "aiohttp", "starlette-uvicorn", "django-uvicorn", "django-daphne", "flask-gunicorn-gevent-ws" })
            Assert.Contains(name, serving);
        // Servers that cannot upgrade, and apps without the endpoints.
        foreach (var name in new[] { "flask-gunicorn", "flask-gunicorn-gevent", "django-gunicorn", "flask-dev", "django-runserver", "fastapi-uvicorn", "flask-waitress" })
            Assert.DoesNotContain(name, serving);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(WebSocketStacks))]
    public async Task Every_WebSocket_stack_echoes_and_broadcasts_to_the_other_clients_of_a_room(string name)
    {
        // One process: a room lives in one process (perfnb_ws.py).
        var spec = StackCatalog.Get(name) with { Workers = 1 };
        var server = await ServerLauncher.StartAsync(spec);
        var pids = server.ProcessIds();
        var sockets = new List<ClientWebSocket>();
        try
        {
            var echo = await ConnectAsync(server, "/ws/echo", sockets);
            await SendAsync(echo, "hello, echo", WebSocketMessageType.Text);
            var (text, kind) = await ReceiveAsync(echo);
            Assert.Equal(WebSocketMessageType.Text, kind);
            Assert.Equal("hello, echo", Encoding.UTF8.GetString(text));
            var binary = new byte[] { 0, 1, 2, 250, 255 };
            await echo.SendAsync(binary, WebSocketMessageType.Binary, true, Cancel());
            var (back, backKind) = await ReceiveAsync(echo);
            Assert.Equal(WebSocketMessageType.Binary, backKind);
            Assert.Equal(binary, back);
            var large = new string('x', 20_000);
            await SendAsync(echo, large, WebSocketMessageType.Text);
            Assert.Equal(large, Encoding.UTF8.GetString((await ReceiveAsync(echo)).Payload));

            var room = new List<ClientWebSocket>();
            for (var i = 0; i < 3; i++) room.Add(await ConnectAsync(server, "/ws/broadcast?room=7", sockets));
            var elsewhere = await ConnectAsync(server, "/ws/broadcast?room=8", sockets);
            // Joining happens when the server has accepted: give every server a moment to register them all.
            await Task.Delay(300);
            await SendAsync(room[0], "from the first", WebSocketMessageType.Text);
            foreach (var other in room.Skip(1))
                Assert.Equal("from the first", Encoding.UTF8.GetString((await ReceiveAsync(other)).Payload));
            await SendAsync(room[2], "from the third", WebSocketMessageType.Text);
            Assert.Equal("from the third", Encoding.UTF8.GetString((await ReceiveAsync(room[0])).Payload));
            Assert.Equal("from the third", Encoding.UTF8.GetString((await ReceiveAsync(room[1])).Payload));
            // The sender never gets its own message, and another room gets nothing.
            Assert.False(await ReceivesWithinAsync(room[2], TimeSpan.FromMilliseconds(500)), "the sender received its own message");
            Assert.False(await ReceivesWithinAsync(elsewhere, TimeSpan.FromMilliseconds(200)), "a client of room 8 received a message of room 7");

            // A close without a reason: gevent-websocket 0.10.1 answers a close that has one with an invalid
            // frame (the reason's Python repr in place of the status code), which a strict client rejects.
            foreach (var socket in sockets.Where(s => s.State == WebSocketState.Open))
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, Cancel());
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
            await server.DisposeAsync();
        }
        Assert.True(server.HasExited);
        ServerAssert.NothingLeft(server.Pid, pids);
    }

    private static CancellationToken Cancel() => new CancellationTokenSource(Patience).Token;

    private static async Task<ClientWebSocket> ConnectAsync(RunningServer server, string path, List<ClientWebSocket> sockets)
    {
        var socket = new ClientWebSocket();
        sockets.Add(socket);
        var url = new Uri($"ws://{server.BaseUrl.Authority}{path}");
        await socket.ConnectAsync(url, Cancel());
        Assert.Equal(WebSocketState.Open, socket.State);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string text, WebSocketMessageType kind)
        => socket.SendAsync(Encoding.UTF8.GetBytes(text), kind, true, Cancel());

    private static async Task<(byte[] Payload, WebSocketMessageType Kind)> ReceiveAsync(ClientWebSocket socket, CancellationToken? token = null)
    {
        var buffer = new byte[64 * 1024];
        var received = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, token ?? Cancel());
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            received.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return (received.ToArray(), result.MessageType);
        }
    }

    /// <summary>True when a message arrives within <paramref name="wait"/>. The socket is unusable afterwards when none did (ClientWebSocket aborts on cancel).</summary>
    private static async Task<bool> ReceivesWithinAsync(ClientWebSocket socket, TimeSpan wait)
    {
        try
        {
            await ReceiveAsync(socket, new CancellationTokenSource(wait).Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (WebSocketException)
        {
            return false;
        }
    }
}
