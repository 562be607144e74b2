namespace PerfNotebooks.Load;

/// <summary>One piece of a <see cref="RateProfile"/>: from <see cref="Start"/> to <see cref="End"/> seconds, the rate goes linearly from <see cref="From"/> to <see cref="To"/> req/s (constant when they are equal).</summary>
public sealed record RateSegment(double Start, double End, double From, double To)
{
    /// <summary>The rate at <paramref name="second"/> (inside the segment).</summary>
    public double RateAt(double second) => End <= Start ? From : From + (To - From) * Math.Clamp((second - Start) / (End - Start), 0, 1);

    /// <summary>Requests asked for between <paramref name="a"/> and <paramref name="b"/> (clipped to the segment): the integral of the rate.</summary>
    public double Requests(double a, double b)
    {
        var lo = Math.Max(a, Start);
        var hi = Math.Min(b, End);
        return hi <= lo ? 0 : (RateAt(lo) + RateAt(hi)) / 2 * (hi - lo);
    }
}
