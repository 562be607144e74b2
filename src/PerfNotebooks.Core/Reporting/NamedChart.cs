using Plotly.NET;

namespace PerfNotebooks.Reporting;

/// <summary>A chart of a run with an id (for anchors) and a caption saying what to read in it.</summary>
public sealed record NamedChart(string Id, string Title, string Caption, GenericChart Chart);
