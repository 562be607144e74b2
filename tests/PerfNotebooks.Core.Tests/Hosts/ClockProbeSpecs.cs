using PerfNotebooks.Core.Tests.Hosts.Support;
using PerfNotebooks.Hosts;

namespace PerfNotebooks.Core.Tests.Hosts;

[Trait("Category", "Distributed")]
[Collection(DistributedCollection.Name)]
public sealed class ClockProbeSpecs(LabFixture fixture)
{
    private readonly NetnsLab _lab = fixture.Lab;

    [DistributedFact(Timeout = 60_000)]
    public async Task A_host_on_the_same_clock_is_measured_at_zero_within_the_error_bound()
    {
        await using var host = await SshConnection.OpenAsync(_lab.Hosts[2].Address, _lab.SshOptions);

        var clock = await ClockProbe.MeasureAsync(host, exchanges: 12);

        // A network namespace shares this machine's clock: the true offset is exactly zero, so the measured
        // one must lie within its own bound (plus the microsecond the two local clock reads are apart).
        Assert.True(Math.Abs(clock.Offset.TotalMilliseconds) <= clock.ErrorBound.TotalMilliseconds + 1,
            $"offset {clock.Offset.TotalMilliseconds} ms, bound {clock.ErrorBound.TotalMilliseconds} ms");
        Assert.Equal(clock.RoundTrip / 2, clock.ErrorBound);
        Assert.True(clock.RoundTrip > TimeSpan.Zero);
        Assert.True(clock.RoundTrip < TimeSpan.FromSeconds(2), $"round trip {clock.RoundTrip}");
        Assert.Equal(12, clock.Exchanges);
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - clock.MeasuredAt).TotalSeconds) < 60);
    }

    [Theory]
    [InlineData("1733097600.123456", 1733097600_1234560L)]
    [InlineData("1733097600.123456789", 1733097600_1234567L)]
    [InlineData("1733097600", 1733097600_0000000L)]
    [InlineData("1733097600.5", 1733097600_5000000L)]
    public void A_remote_reading_is_seconds_since_1970_to_the_tick(string text, long ticksSinceEpoch)
        => Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(ticksSinceEpoch), ClockProbe.ParseEpoch(text));

    [Theory]
    [InlineData("")]
    [InlineData("1733097600,123456")]
    [InlineData("now")]
    [InlineData("17.33.09")]
    public void Anything_else_is_not_a_reading(string text) => Assert.Null(ClockProbe.ParseEpoch(text));
}
