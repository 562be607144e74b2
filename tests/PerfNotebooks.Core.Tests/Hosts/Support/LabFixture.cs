namespace PerfNotebooks.Core.Tests.Hosts.Support;

/// <summary>One <see cref="NetnsLab"/> of three hosts for the distributed collection; none where the lab cannot be made (the facts skip).</summary>
public sealed class LabFixture : IDisposable
{
    private NetnsLab? _lab;

    /// <summary>The lab, made on first use (a skipped collection never makes one).</summary>
    public NetnsLab Lab => _lab ??= NetnsLab.Create(3);

    public void Dispose() => _lab?.Dispose();
}
