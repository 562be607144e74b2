namespace PerfNotebooks.Hosts;

/// <summary>perfnb as deployed on one host.</summary>
/// <param name="Host">The host.</param>
/// <param name="Folder">The versioned folder, e.g. /home/u/.cache/perfnb/0.1.0-3f2c9a0d1b2e4f5a.</param>
/// <param name="Reused">True when a verified copy was already there and nothing was copied.</param>
/// <param name="BytesCopied">Bytes sent (0 when reused).</param>
/// <param name="Elapsed">How long checking (and copying) took.</param>
public sealed record DeployedPerfnb(HostAddress Host, string Folder, bool Reused, long BytesCopied, TimeSpan Elapsed)
{
    /// <summary>The program to run there.</summary>
    public string Executable => Folder + "/" + DeployBundle.ExecutableName;
}
