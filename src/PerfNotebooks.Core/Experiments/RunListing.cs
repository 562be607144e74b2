namespace PerfNotebooks.Experiments;

/// <summary>One line of <c>perfnb runs</c>: a stored run without its cells loaded.</summary>
public sealed record RunListing(string Id, string Directory, string Plan, RunStatus Status, DateTimeOffset StartedAt, int CellsDone, int CellsPlanned, bool HasReport);
