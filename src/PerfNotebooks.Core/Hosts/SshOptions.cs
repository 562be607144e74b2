namespace PerfNotebooks.Hosts;

/// <summary>
/// How the system's OpenSSH client is called. Everything left null is the user's own: ~/.ssh/config, their
/// keys and known_hosts apply as they would to a plain <c>ssh host</c>. Options set here win over the config
/// (they go on the command line as <c>-o</c>). A run never prompts: BatchMode is always on.
/// </summary>
public sealed record SshOptions
{
    /// <summary>The ssh client to run.</summary>
    public string SshExecutable { get; init; } = "ssh";

    /// <summary>A private key to offer (<c>-i</c>, with IdentitiesOnly so the agent's other keys are not tried first); null = the user's.</summary>
    public string? IdentityFile { get; init; }

    /// <summary>The known_hosts file (UserKnownHostsFile); null = the user's.</summary>
    public string? KnownHostsFile { get; init; }

    /// <summary>StrictHostKeyChecking: "yes", "accept-new" or "no"; null = the user's config (default "ask", which BatchMode turns into a refusal).</summary>
    public string? StrictHostKeyChecking { get; init; }

    /// <summary>An ssh config file to read instead of ~/.ssh/config (<c>-F</c>); null = the user's.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>How long one TCP connect may take before the host counts as unreachable.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the shared master connection stays up with no session on it. It also bounds how long it
    /// outlives this process if this process is killed.
    /// </summary>
    public TimeSpan ControlPersist { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Keep-alive probes (ServerAliveInterval): a host that stops answering is lost after <see cref="AliveInterval"/> x <see cref="AliveCountMax"/>.</summary>
    public TimeSpan AliveInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Unanswered keep-alive probes (ServerAliveCountMax) after which the connection is given up.</summary>
    public int AliveCountMax { get; init; } = 3;

    /// <summary>More client options as "Key=Value", each passed as <c>-o Key=Value</c>.</summary>
    public IReadOnlyList<string> ExtraOptions { get; init; } = [];
}
