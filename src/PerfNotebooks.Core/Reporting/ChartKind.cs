namespace PerfNotebooks.Reporting;

/// <summary>The shapes of chart a run is shown with.</summary>
public enum ChartKind
{
    /// <summary>Grouped bars over categories (one group per category, one bar per series), optional error bars.</summary>
    Bars,

    /// <summary>Lines with markers, each series with its own x values, optional error bars on y.</summary>
    Lines,

    /// <summary>HdrHistogram's percentile spectrum: latency against percentile, the percentile axis stretched towards the tail.</summary>
    PercentileSpectrum,
}
