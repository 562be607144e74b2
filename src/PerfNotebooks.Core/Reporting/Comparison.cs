namespace PerfNotebooks.Reporting;

/// <summary>
/// Two sets of repetitions compared: Welch's t-test (unequal variances). <see cref="Distinguishable"/>
/// is true when p &lt; 0.05; with fewer than two repetitions on either side nothing can be said and it
/// is false ("cannot be told apart").
/// </summary>
public sealed record Comparison(double MeanA, double MeanB, double PValue, bool IntervalsOverlap, bool Distinguishable)
{
    /// <summary>A / B (infinity when B is 0).</summary>
    public double Ratio => MeanB == 0 ? double.PositiveInfinity : MeanA / MeanB;
}
