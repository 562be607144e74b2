namespace PerfNotebooks.Experiments;

/// <summary>One line of <c>perfnb runs</c>: a stored run without its cells loaded. <see cref="CellsDone"/> counts measured
/// cells, <see cref="CellsFailed"/> those stored as failed (a resume retries them).</summary>
public sealed record RunListing(string Id, string Directory, string Plan, RunStatus Status, DateTimeOffset StartedAt, int CellsDone, int CellsPlanned, bool HasReport, int CellsFailed = 0);
