using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Load.WebSockets;

/// <summary>
/// The engine's WebSocket mode against the real stacks (Debian packages, started by the launcher, 127.0.0.1): echo in
/// closed loop and at a message rate, a broadcast over rooms, a URL that does not upgrade, and no allocation per
/// message on the loop threads. Bounds are generous: the machine is shared.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class WebSocketLoadSpecs
{
    [Theory(Timeout = 180_000)]
    [InlineData("tornado")]
    [InlineData("aiohttp")]
    [InlineData("starlette-uvicorn")]
    [InlineData("django-uvicorn")]
    [InlineData("django-daphne")]
    [InlineData("flask-gunicorn-gevent-ws")]
    public async Task Every_message_sent_in_closed_loop_echo_comes_back_and_is_counted_once(string stack)
    {
        IReadOnlyList<int> pids;
        await using (var server = await ServerLauncher.StartAsync(StackCatalog.Get(stack) with { Workers = 1 }))
        {
            pids = server.ProcessIds();
            var result = await LoadEngine.RunAsync(new LoadSpec { Url = WsUrl(server, "/ws/echo"), Connections = 8, Requests = 2000, Timeout = TimeSpan.FromSeconds(10) });

            Assert.Equal(2000, result.Summary.Requests);
            Assert.Equal(0, result.Errors.Total);
            var messages = Assert.IsType<WebSocketMessages>(result.Messages);
            Assert.Equal("echo", messages.Mode);
            Assert.Equal(2000, messages.Sent);
            Assert.Equal(2000, messages.Received);
            Assert.True(result.Corrected.GetValueAtPercentile(50) > 0);
        }
        ProcessGroups.AssertAllGone(pids);
    }

    [Fact(Timeout = 180_000)]
    public async Task Echo_at_a_message_rate_keeps_to_it_and_measures_from_the_intended_send_time()
    {
        IReadOnlyList<int> pids;
        await using (var server = await ServerLauncher.StartAsync(StackCatalog.Get("aiohttp")))
        {
            pids = server.ProcessIds();
            var result = await LoadEngine.RunAsync(new LoadSpec
            {
                Url = WsUrl(server, "/ws/echo"), Connections = 16, Rate = 400, Warmup = TimeSpan.FromMilliseconds(500), Duration = TimeSpan.FromSeconds(2),
            });

            Assert.Equal(0, result.Errors.Total);
            Assert.InRange(result.Summary.RequestsPerSecond, 400 * 0.8, 400 * 1.1);
            Assert.True(result.Corrected.GetValueAtPercentile(99) >= result.Uncorrected.GetValueAtPercentile(99));
            Assert.InRange(result.Messages!.Sent, 600, 900);
        }
        ProcessGroups.AssertAllGone(pids);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_broadcast_reaches_every_other_client_of_the_senders_room_and_no_one_else()
    {
        IReadOnlyList<int> pids;
        // One process: a room lives in one (with Tornado's pre-fork workers each would hold part of every room).
        await using (var server = await ServerLauncher.StartAsync(StackCatalog.Get("tornado") with { Workers = 1 }))
        {
            pids = server.ProcessIds();
            var result = await LoadEngine.RunAsync(new LoadSpec
            {
                Url = WsUrl(server, "/ws/broadcast"), Connections = 12, Rate = 60, WebSocket = new WebSocketLoad { Rooms = 3 },
                Warmup = TimeSpan.FromMilliseconds(500), Duration = TimeSpan.FromSeconds(2),
            });

            var messages = result.Messages!;
            Assert.Equal("broadcast", messages.Mode);
            Assert.Equal(3, messages.Rooms);
            Assert.InRange(messages.Sent, 80, 150);
            // 3 rooms of 4: each message is owed to the 3 others of its room, never to the sender or another room.
            Assert.Equal(3 * messages.Sent, messages.DeliveriesDue);
            Assert.InRange(messages.Received, (long)(0.9 * messages.DeliveriesDue), messages.DeliveriesDue + 3 * 12);
            Assert.Equal(messages.Received, result.Summary.Requests);
            Assert.Equal(0, result.Errors.Total);
        }
        ProcessGroups.AssertAllGone(pids);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_ws_url_the_server_does_not_upgrade_is_refused_before_any_load_with_the_status_it_answered()
    {
        await using var server = await ServerLauncher.StartAsync(StackCatalog.Get("tornado"));
        var e = await Assert.ThrowsAsync<PerfNotebooksException>(() => LoadEngine.RunAsync(new LoadSpec { Url = WsUrl(server, "/no-such-thing"), Connections = 4, Requests = 10 }));
        Assert.Contains("did not upgrade to a WebSocket", e.Message);
        Assert.Contains("404", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact(Timeout = 180_000)]
    public async Task The_loop_threads_allocate_nothing_per_message_in_steady_state()
    {
        await using var server = await ServerLauncher.StartAsync(StackCatalog.Get("aiohttp"));
        var result = await LoadEngine.RunAsync(new LoadSpec { Url = WsUrl(server, "/ws/echo"), Connections = 8, Duration = TimeSpan.FromSeconds(3) });

        Assert.True(result.Summary.Requests > 1000, $"only {result.Summary.Requests} messages");
        Assert.True(result.Client.AllocatedBytesPerRequest < 1.0, $"{result.Client.AllocatedBytesPerRequest} bytes per message");
    }

    private static Uri WsUrl(RunningServer server, string path) => new UriBuilder(new Uri(server.BaseUrl, path)) { Scheme = "ws" }.Uri;
}
