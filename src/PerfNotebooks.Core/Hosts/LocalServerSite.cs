using PerfNotebooks.Metrics;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Hosts;

/// <summary>Servers on this machine, through <see cref="ServerLauncher"/>, sampled by a <see cref="ProcessTreeSampler"/>.</summary>
public sealed class LocalServerSite : IServerSite
{
    /// <summary>Servers as their specs say (loopback unless a spec binds elsewhere).</summary>
    public static LocalServerSite Instance { get; } = new();

    /// <summary>
    /// The address every server binds to instead of its spec's; set when load hosts must reach this machine's
    /// servers (the address they see it at). Null: as the spec says.
    /// </summary>
    public string? BindAddress { get; init; }

    /// <inheritdoc />
    public string Name => "this machine";

    /// <inheritdoc />
    public async Task<IServedStack> StartAsync(StackSpec spec, CancellationToken cancellationToken)
        => new Served(await ServerLauncher.StartAsync(BindAddress is { } bind ? spec with { Host = bind } : spec, cancellationToken).ConfigureAwait(false));

    private sealed class Served(RunningServer server) : IServedStack
    {
        public Uri BaseUrl => server.BaseUrl;
        public int Pid => server.Pid;
        public IReadOnlyList<int> ProcessIds() => server.ProcessIds();
        public bool HasExited => server.HasExited;
        public int? ExitCode => server.ExitCode;
        public HostException? Lost => null;

        public ServerVersions? Versions
        {
            get
            {
                try { return server.Versions; }
                catch (Exception e) when (e is PerfNotebooksException or InvalidOperationException) { return null; }
            }
        }

        public string OutputTail(int lines)
        {
            try { return server.OutputTail(lines); }
            catch (Exception e) when (e is InvalidOperationException or IOException) { return ""; }
        }

        public IReadOnlyList<string> OutputLines(int lines)
        {
            try { return server.OutputLines(lines); }
            catch (Exception e) when (e is InvalidOperationException or IOException) { return []; }
        }

        public IResourceWatch WatchResources(TimeSpan interval) => new Watch(ProcessTreeSampler.Start(server.Pid, interval));

        public ValueTask DisposeAsync() => server.DisposeAsync();
    }

    private sealed class Watch(ProcessTreeSampler sampler) : IResourceWatch
    {
        public async Task<IReadOnlyList<ResourceSample>> StopAsync()
        {
            IReadOnlyList<ResourceSample> samples = sampler.Samples;
            await sampler.DisposeAsync().ConfigureAwait(false);
            return samples;
        }
    }
}
