using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

/// <summary>When each request of a profiled run is due: the count sent by any time is the profile's integral up to it, warm-up first.</summary>
public sealed class RateScheduleSpecs
{
    /// <summary>How many of the first requests are due before <paramref name="seconds"/> (counted one by one).</summary>
    private static long DueBefore(RateSchedule schedule, double seconds)
    {
        long n = 0;
        while (schedule.SecondsOf(n) < seconds) n++;
        return n;
    }

    [Fact]
    public void Requests_due_by_any_second_follow_the_spike_after_a_warmup_at_its_base_rate()
    {
        var schedule = new RateSchedule(RateProfile.Parse("spike:base=200,peak=2000,at=5s,for=5s"), TimeSpan.FromSeconds(1));
        Assert.Equal(200, schedule.WarmupRequests, 6);
        Assert.Equal(0, schedule.SecondsOf(0));
        Assert.Equal(1.0 / 200, schedule.SecondsOf(1), 9);
        Assert.InRange(DueBefore(schedule, 1), 199, 201);
        Assert.InRange(DueBefore(schedule, 6), 1199, 1201);
        Assert.InRange(DueBefore(schedule, 7) - DueBefore(schedule, 6), 1999, 2001);
        Assert.InRange(DueBefore(schedule, 16), 200 + 1000 + 10_000 + 1000 - 1, 200 + 1000 + 10_000 + 1000 + 1);
        // Beyond the profile the last rate goes on.
        Assert.Equal(16 + 1.0 / 200, schedule.SecondsOf(12_201), 6);
    }

    [Fact]
    public void A_ramp_from_zero_and_a_pause_at_zero_are_followed_exactly()
    {
        var ramp = new RateSchedule(RateProfile.Parse("ramp:from=0,to=100,over=10s"), TimeSpan.FromSeconds(2));
        Assert.Equal(0, ramp.WarmupRequests);
        // Requests by time t (after the 2 s warm-up of none): 5 t^2; request n at sqrt(n / 5).
        Assert.Equal(2 + Math.Sqrt(20 / 5.0), ramp.SecondsOf(20), 9);
        Assert.InRange(DueBefore(ramp, 12), 499, 501);

        var steps = new RateSchedule(RateProfile.Parse("step:rates=100/0/100,every=1s"), TimeSpan.Zero);
        Assert.Equal(2.0, steps.SecondsOf(100), 9);
        Assert.Equal(0.99, steps.SecondsOf(99), 9);
        Assert.Equal(200, DueBefore(steps, 3));
        var down = new RateSchedule(RateProfile.Parse("ramp:from=100,to=0,over=2s"), TimeSpan.Zero);
        Assert.InRange(DueBefore(down, 2), 99, 100);
        Assert.Equal(double.PositiveInfinity, down.SecondsOf(100));
    }
}
