namespace PerfNotebooks.Hosts;

/// <summary>
/// The hosts of one run: an optional server host and any number of load hosts, every one of them reached,
/// deployed to, probed and clock-measured before anything is measured (<see cref="OpenAsync"/>). Hands out the
/// server and load sites the experiment runner uses; what is not on a host runs on this machine. Disposing it
/// closes every connection.
/// </summary>
public sealed class HostTopology : IAsyncDisposable
{
    private readonly IReadOnlyList<SshHost> _all;

    private HostTopology(SshHost? server, IReadOnlyList<SshHost> load, IReadOnlyList<SshHost> all)
    {
        Server = server;
        Load = load;
        _all = all;
    }

    /// <summary>The server host; null when servers run on this machine.</summary>
    public SshHost? Server { get; }

    /// <summary>The load hosts; empty when the load runs on this machine.</summary>
    public IReadOnlyList<SshHost> Load { get; }

    /// <summary>True when any part runs on a host.</summary>
    public bool IsDistributed => Server is not null || Load.Count > 0;

    /// <summary>
    /// Connects to every host at once (an unreachable one fails here, before anything runs, as a
    /// <see cref="HostUnreachableException"/>), then deploys perfnb, reads each environment and measures each
    /// clock. A host named both as server and as load host is prepared once and serves both roles.
    /// </summary>
    public static async Task<HostTopology> OpenAsync(
        HostAddress? serverHost, IReadOnlyList<HostAddress> loadHosts, HostSetup setup,
        IProgress<string>? note = null, CancellationToken cancellationToken = default)
    {
        var addresses = (serverHost is null ? Array.Empty<HostAddress>() : [serverHost]).Concat(loadHosts).Distinct().ToList();
        if (addresses.Count == 0) return new HostTopology(null, [], []);

        note?.Report($"connecting to {string.Join(", ", addresses)}");
        var opening = addresses.Select(a => SshConnection.OpenAsync(a, setup.Ssh, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(opening).ConfigureAwait(false);
        }
        catch
        {
            await Task.WhenAll(opening.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result.DisposeAsync().AsTask())).ConfigureAwait(false);
            // The first host in the order given that failed, with ssh's own reason.
            throw opening.First(t => t.IsFaulted || t.IsCanceled).Exception?.InnerException ?? new OperationCanceledException(cancellationToken);
        }

        var connections = opening.Select(t => t.Result).ToList();
        DeployBundle bundle;
        try
        {
            bundle = await BundleLocator.LocateAsync(note, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
            throw;
        }

        note?.Report($"deploying perfnb {bundle.FolderName} ({(bundle.Bytes / 1e6).ToString("0", System.Globalization.CultureInfo.InvariantCulture)} MB) and measuring clocks");
        var preparing = connections.Select(c => SshHost.PrepareAsync(c, bundle, setup, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(preparing).ConfigureAwait(false);
        }
        catch
        {
            await Task.WhenAll(preparing.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result.DisposeAsync().AsTask())).ConfigureAwait(false);
            throw preparing.First(t => t.IsFaulted || t.IsCanceled).Exception?.InnerException ?? new OperationCanceledException(cancellationToken);
        }
        var hosts = preparing.Select(t => t.Result).ToList();
        SshHost Of(HostAddress a) => hosts[addresses.IndexOf(a)];
        return new HostTopology(serverHost is null ? null : Of(serverHost), [.. loadHosts.Select(Of)], hosts);
    }

    /// <summary>
    /// Checks that every stack can run on the server host (through the deployed perfnb's own catalog check); the
    /// first that cannot is a <see cref="HostException"/> naming the host and what is missing there.
    /// </summary>
    public async Task CheckStacksAsync(IEnumerable<string> stacks, string python, CancellationToken cancellationToken = default)
    {
        if (Server is null) return;
        var status = await HostProbe.StacksAsync(Server.Connection, Server.Perfnb, python, cancellationToken).ConfigureAwait(false);
        foreach (var stack in stacks.Distinct(StringComparer.Ordinal))
        {
            var found = status.FirstOrDefault(s => s.Stack == stack);
            if (found is { Installed: true }) continue;
            throw new HostException(Server.Address, found is null
                ? $"stack '{stack}' is not in the catalog of the perfnb deployed on {Server.Address}"
                : $"stack '{stack}' cannot run on {Server.Address}: {found.Detail}");
        }
    }

    /// <summary>Where servers run: the server host (bound to its own address on the link the load reaches it by), or this machine.</summary>
    public IServerSite ServerSite(TimeSpan sampleInterval)
        => Server is null
            ? LocalBindAddress() is { } bind ? new LocalServerSite { BindAddress = bind } : LocalServerSite.Instance
            : new SshServerSite(Server, Server.Environment.OwnAddress, sampleInterval);

    /// <summary>
    /// The address a server on this machine must bind to for the load hosts to reach it (the one they see this
    /// machine at); null when there are no load hosts or the server is on a host.
    /// </summary>
    public string? LocalBindAddress()
    {
        if (Server is not null || Load.Count == 0) return null;
        var seen = Load.Select(h => h.Environment.ControllerAddress).Distinct().ToList();
        if (seen.Count != 1 || seen[0].Length == 0)
            throw new HostException(Load[0].Address, $"the load hosts see this machine at different addresses ({string.Join(", ", seen)}); put the server on a host of its own.");
        return seen[0];
    }

    /// <summary>The load hosts as a load site; null when the load runs on this machine.</summary>
    public SshLoadSite? LoadSite() => Load.Count == 0 ? null : new SshLoadSite(Load);

    /// <summary>Each host's environment with its clock offset, server first.</summary>
    public IReadOnlyList<HostEnvironment> Environments => [.. _all.Select(h => h.Environment)];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
        => await Task.WhenAll(_all.Select(h => h.DisposeAsync().AsTask())).ConfigureAwait(false);
}
