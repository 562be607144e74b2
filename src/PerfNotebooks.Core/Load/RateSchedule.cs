namespace PerfNotebooks.Load;

/// <summary>
/// When each request of a run that follows a <see cref="RateProfile"/> is meant to go out: request n (counted over
/// all connections from 0) is due when the profile's integral reaches n, so the offered load is exactly the
/// profile's, second by second. The warm-up runs first at the profile's starting rate; the profile's time 0 is
/// the end of the warm-up. Connection g of C sends requests g, g + C, g + 2C, ... (the constant-rate stagger,
/// generalised), so nothing is shared between the loops. Precomputed once; <see cref="SecondsOf"/> allocates
/// nothing and costs a binary search over the segments and one square root.
/// </summary>
public sealed class RateSchedule
{
    private readonly double[] _start;
    private readonly double[] _from;
    private readonly double[] _slope;
    private readonly double[] _before;
    private readonly double _total;
    private readonly double _end;
    private readonly double _lastRate;

    /// <summary>A schedule of <paramref name="profile"/> after a warm-up of <paramref name="warmup"/> at its starting rate.</summary>
    public RateSchedule(RateProfile profile, TimeSpan warmup)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var shift = Math.Max(0, warmup.TotalSeconds);
        var segments = new List<RateSegment>();
        if (shift > 0) segments.Add(new RateSegment(0, shift, profile.StartRate, profile.StartRate));
        segments.AddRange(profile.Segments.Select(s => s with { Start = s.Start + shift, End = s.End + shift }));
        _start = new double[segments.Count];
        _from = new double[segments.Count];
        _slope = new double[segments.Count];
        _before = new double[segments.Count];
        var cumulative = 0.0;
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            _start[i] = s.Start;
            _from[i] = s.From;
            _slope[i] = s.End > s.Start ? (s.To - s.From) / (s.End - s.Start) : 0;
            _before[i] = cumulative;
            cumulative += s.Requests(s.Start, s.End);
        }
        _total = cumulative;
        _end = segments[^1].End;
        _lastRate = segments[^1].To;
        WarmupRequests = shift * profile.StartRate;
    }

    /// <summary>Requests the warm-up asks for (fractional: the next one is due after it).</summary>
    public double WarmupRequests { get; }

    /// <summary>Seconds from the run's start (the warm-up's) at which request <paramref name="n"/> is due; +infinity when never.</summary>
    public double SecondsOf(long n)
    {
        var target = (double)n;
        if (target >= _total)
            return _lastRate > 0 ? _end + (target - _total) / _lastRate : double.PositiveInfinity;
        // The last segment with at most the target's requests before it: a segment at rate 0 adds none, so the
        // request after it falls at the start of the next.
        int lo = 0, hi = _before.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_before[mid] <= target) lo = mid;
            else hi = mid - 1;
        }
        var m = target - _before[lo];
        var a = _from[lo];
        var b = _slope[lo];
        // Requests since the segment's start after t seconds: a*t + b*t^2/2 = m.
        double t;
        if (Math.Abs(b) < 1e-12) t = a > 0 ? m / a : 0;
        else
        {
            var discriminant = a * a + 2 * b * m;
            t = (-a + Math.Sqrt(Math.Max(0, discriminant))) / b;
        }
        return _start[lo] + Math.Max(0, t);
    }
}
