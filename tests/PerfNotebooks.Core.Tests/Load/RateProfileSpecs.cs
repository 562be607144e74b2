using PerfNotebooks.Load;

namespace PerfNotebooks.Core.Tests.Load;

/// <summary>Rate profiles: the spike, ramp, step and schedule forms, what each asks for second by second, and one-line mistakes with a valid example.</summary>
public sealed class RateProfileSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("perfnb-profile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_spike_holds_its_base_then_its_peak_then_its_base_as_long_after_as_before()
    {
        var spike = RateProfile.Parse("spike:base=200,peak=2000,at=5s,for=5s");
        Assert.Equal("spike", spike.Kind);
        Assert.Equal("spike:base=200,peak=2000,at=5s,for=5s", spike.Text);
        Assert.Equal(TimeSpan.FromSeconds(15), spike.Length);
        Assert.Equal((5.0, 10.0), (spike.SpikeStart!.Value, spike.SpikeEnd!.Value));
        Assert.Equal(200, spike.RateAt(0));
        Assert.Equal(200, spike.RateAt(4.99));
        Assert.Equal(2000, spike.RateAt(5));
        Assert.Equal(2000, spike.RateAt(9.99));
        Assert.Equal(200, spike.RateAt(10));
        Assert.Equal(2000, spike.PeakRate);
        Assert.Equal(200, spike.StartRate);
        Assert.Equal(5 * 200 + 5 * 2000 + 5 * 200, spike.Requests(0, 15), 6);
        Assert.Equal(0.5 * 200 + 0.5 * 2000, spike.Requests(4.5, 5.5), 6);
        Assert.Equal(TimeSpan.FromSeconds(30), RateProfile.Parse("spike:base=1,peak=10,at=5s,for=5s,length=30s").Length);
    }

    [Fact]
    public void A_ramp_rises_linearly_and_holds_steps_hold_each_rate_and_a_schedule_follows_its_file()
    {
        var ramp = RateProfile.Parse(" ramp:from=100, to=1000, over=10s, hold=5s ");
        Assert.Equal("ramp:from=100,to=1000,over=10s,hold=5s", ramp.Text);
        Assert.Equal(550, ramp.RateAt(5), 6);
        Assert.Equal(1000, ramp.RateAt(12));
        Assert.Equal((100 + 1000) / 2.0 * 10 + 1000 * 5, ramp.Requests(0, 15), 6);

        var step = RateProfile.Parse("step:rates=100/200/400,every=2s");
        Assert.Equal(TimeSpan.FromSeconds(6), step.Length);
        Assert.Equal(new[] { 100.0, 200, 400 }, new[] { step.RateAt(1), step.RateAt(3), step.RateAt(5) });

        File.WriteAllText(Path.Combine(_folder, "rates.csv"), "second,rate\n0,50\n2,500\n3,50\n");
        var schedule = RateProfile.Parse("schedule:rates.csv", directory: _folder);
        Assert.Equal(TimeSpan.FromSeconds(4), schedule.Length);
        Assert.Equal(new[] { 50.0, 500, 50 }, new[] { schedule.RateAt(1), schedule.RateAt(2.5), schedule.RateAt(3.5) });
        Assert.Equal(50 * 2 + 500 + 50, schedule.Requests(0, 4), 6);
    }

    [Fact]
    public void A_profile_scaled_in_time_keeps_its_shape_and_rates()
    {
        var quick = RateProfile.Parse("spike:base=40,peak=400,at=3s,for=3s,length=12s").Scaled(1.0 / 3);
        Assert.Equal(TimeSpan.FromSeconds(4), quick.Length);
        Assert.Equal((1.0, 2.0), (quick.SpikeStart!.Value, quick.SpikeEnd!.Value), new ToleranceComparer(1e-9));
        Assert.Equal(400, quick.RateAt(1.5));
        Assert.Contains("(time x0.333)", quick.Text);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("spike", "has no kind")]
    [InlineData("wave:base=1", "has an unknown kind 'wave'")]
    [InlineData("spike:base=200,peak=2000,at=5s", "is missing for")]
    [InlineData("spike:base=200,peak=lots,at=5s,for=5s", "has peak=lots, not a rate from 0 to 1000000 req/s")]
    [InlineData("spike:base=200,peak=2000,at=5s,for=0s", "has for=0s, not a duration above 0")]
    [InlineData("spike:base=200,peak=2000,at=5s,for=5s,height=3", "has an unknown setting 'height'")]
    [InlineData("spike:base=200,base=300,peak=2000,at=5s,for=5s", "sets 'base' twice")]
    [InlineData("spike:base=200,peak=2000,at=5s,for=5s,length=8s", "has length 8s, shorter than the spike's end at 10s")]
    [InlineData("ramp:from=0,to=0,over=5s", "never asks for a request")]
    [InlineData("step:rates=100/x,every=1s", "has rates=x")]
    [InlineData("spike:base=1,peak=2,at=2h,for=1s", "lasts")]
    [InlineData("schedule:missing.csv", "names a file that cannot be read")]
    public void A_malformed_profile_is_one_line_with_a_valid_example(string text, string what)
    {
        var error = Assert.Throws<PerfNotebooksException>(() => RateProfile.Parse(text, "--profile", _folder));
        Assert.Contains(what, error.Message);
        Assert.StartsWith($"--profile '{text}'", error.Message);
        Assert.EndsWith("give a profile such as " + RateProfile.Example + ".", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("second,rate\n1,50\n", "starts at second 1")]
    [InlineData("0,50\n2,60\n1,70\n", "goes back in time on line 3")]
    [InlineData("0,fifty\n", "has line 1 of bad.csv ('0,fifty'), not second,rate")]
    [InlineData("second,rate\n", "names a file with no second,rate line")]
    public void A_malformed_schedule_names_the_line(string content, string what)
    {
        File.WriteAllText(Path.Combine(_folder, "bad.csv"), content);
        var error = Assert.Throws<PerfNotebooksException>(() => RateProfile.Parse("schedule:bad.csv", "--profile", _folder));
        Assert.Contains(what, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) < tolerance && Math.Abs(x.Item2 - y.Item2) < tolerance;
        public int GetHashCode((double, double) obj) => 0;
    }
}
