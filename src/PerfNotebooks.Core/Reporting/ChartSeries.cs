namespace PerfNotebooks.Reporting;

/// <summary>
/// One series of a <see cref="ChartSpec"/>: its name, its points and optional asymmetric error bars on y.
/// For bars <see cref="X"/> is unused (the spec's categories are the x axis); for a percentile spectrum it
/// holds percentiles (0..100). A NaN is a gap.
/// </summary>
public sealed record ChartSeries(string Name, double[] X, double[] Y, double[]? ErrorPlus = null, double[]? ErrorMinus = null);
