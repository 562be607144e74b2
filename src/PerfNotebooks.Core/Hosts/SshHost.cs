namespace PerfNotebooks.Hosts;

/// <summary>
/// A host ready for a run: connected (one shared SSH master), perfnb deployed and verified there, its
/// environment read and its clock offset measured. Disposing it closes the connection.
/// </summary>
public sealed class SshHost : IAsyncDisposable
{
    private SshHost(SshConnection connection, DeployedPerfnb perfnb, HostEnvironment environment)
    {
        Connection = connection;
        Perfnb = perfnb;
        Environment = environment;
    }

    /// <summary>The host's address.</summary>
    public HostAddress Address => Connection.Address;

    /// <summary>The shared SSH connection to it.</summary>
    public SshConnection Connection { get; }

    /// <summary>perfnb as deployed there.</summary>
    public DeployedPerfnb Perfnb { get; }

    /// <summary>CPU, kernel, Python, packages, addresses, deploy folder and clock offset, as run.json records them.</summary>
    public HostEnvironment Environment { get; }

    /// <summary>The host's clock against this machine's.</summary>
    public ClockOffset Clock => Environment.Clock ?? ClockOffset.Local;

    /// <summary>Deploys, probes and measures the clock of an opened connection (it is disposed if this fails).</summary>
    public static async Task<SshHost> PrepareAsync(SshConnection connection, DeployBundle bundle, HostSetup setup, CancellationToken cancellationToken = default)
    {
        try
        {
            var perfnb = await setup.DeployerFor(connection.Address).DeployAsync(connection, bundle, cancellationToken).ConfigureAwait(false);
            var environment = await HostProbe.EnvironmentAsync(connection, setup.Python, setup.Packages, cancellationToken).ConfigureAwait(false);
            var clock = await ClockProbe.MeasureAsync(connection, setup.ClockExchanges, cancellationToken).ConfigureAwait(false);
            return new SshHost(connection, perfnb, environment with { Clock = clock, PerfnbFolder = perfnb.Folder });
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    /// <inheritdoc />
    public override string ToString() => Address.ToString();
}
