namespace PerfNotebooks.PlotlyHost;

/// <summary>One named line of a <see cref="LineChartSpec"/>.</summary>
public sealed record LineSeries(string Name, double[] X, double[] Y, bool Markers = false);
