using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PerfNotebooks.Core.Tests.Load.Support;
using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

/// <summary>Opening many connections: paced (a bounded number of connects in flight), timed, and reported.</summary>
[Collection(LoadCollection.Name)]
public sealed class ConnectionOpeningSpecs
{
    /// <summary>The engine's bound on connects in flight (LoadRun.ConnectsInFlight).</summary>
    private const int ConnectsInFlight = 128;

    [Theory(Timeout = 60_000)]
    [InlineData(LoadBackend.Epoll)]
    [InlineData(LoadBackend.IoUring)]
    public async Task I_learn_how_long_opening_every_connection_took(LoadBackend backend)
    {
        int group;
        using (var nginx = await NginxServer.StartAsync(workerConnections: 2048))
        {
            group = nginx.ProcessGroup;
            var clock = Stopwatch.StartNew();

            var result = await LoadEngine.RunAsync(new LoadSpec { Url = nginx.Url(), Connections = 1_000, Requests = 5_000, Backend = backend, Timeout = TimeSpan.FromSeconds(10) });

            Assert.Equal(1_000, result.Client.ConnectionsOpened);
            Assert.InRange(result.Client.OpenSeconds, 1e-6, clock.Elapsed.TotalSeconds);
            Assert.Equal(5_000, result.Summary.Requests);
            Assert.Equal(0, result.Errors.Total);
        }
        Assert.Empty(ProcessGroups.Members(group));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(LoadBackend.Epoll)]
    [InlineData(LoadBackend.IoUring)]
    public async Task Against_a_server_that_never_accepts_connects_in_flight_stay_bounded_and_the_run_ends_on_time(LoadBackend backend)
    {
        // A listener whose accept queue is full from the start: further SYNs are dropped, so every connect hangs until
        // the timeout. The engine must neither flood it with 1,000 SYNs at once nor wait past the timeout.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var sampling = new CancellationTokenSource();
        var maxSynSent = Task.Run(() => MaxSynSent(port, sampling.Token));
        var spec = new LoadSpec
        {
            Url = new Uri($"http://127.0.0.1:{port}/"),
            Connections = 1_000,
            Duration = TimeSpan.FromSeconds(1),
            Timeout = TimeSpan.FromSeconds(1),
            Backend = backend,
        };
        var clock = Stopwatch.StartNew();

        var result = await LoadEngine.RunAsync(spec);

        var elapsed = clock.Elapsed;
        await sampling.CancelAsync();
        var peak = await maxSynSent;
        Assert.InRange(peak, 1, ConnectsInFlight);
        Assert.True(elapsed < spec.Duration + spec.Timeout + TimeSpan.FromSeconds(3), $"took {elapsed}"); // +1 s in the issue, +2 s for a loaded machine
        Assert.Equal(0, result.Summary.Requests);
        Assert.True(result.Errors.Connect > 0, "connects that never complete are connect errors");
        Assert.True(result.Client.ConnectionsOpened < 1_000);
    }

    /// <summary>The most sockets seen at once in SYN-SENT towards <paramref name="port"/> (from /proc/net/tcp).</summary>
    private static int MaxSynSent(int port, CancellationToken stop)
    {
        var hexPort = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        var max = 0;
        while (!stop.IsCancellationRequested)
        {
            var count = 0;
            foreach (var line in File.ReadLines("/proc/net/tcp"))
            {
                // "sl local_address rem_address st ...": st 02 is SYN_SENT.
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[2].EndsWith(hexPort, StringComparison.Ordinal) && fields[3] == "02") count++;
            }
            max = Math.Max(max, count);
            Thread.Sleep(5);
        }
        return max;
    }
}
