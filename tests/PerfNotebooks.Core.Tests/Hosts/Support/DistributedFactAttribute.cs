namespace PerfNotebooks.Core.Tests.Hosts.Support;

/// <summary>
/// A fact that needs network namespaces and an OpenSSH server: it runs as root with ip, sshd and ssh
/// present, and is skipped elsewhere with one line saying why. Mark its class [Trait("Category", "Distributed")].
/// </summary>
public sealed class DistributedFactAttribute : FactAttribute
{
    public DistributedFactAttribute()
    {
        if (NetnsLab.SkipReason is { } reason) Skip = reason;
    }
}
