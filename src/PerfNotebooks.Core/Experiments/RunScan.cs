namespace PerfNotebooks.Experiments;

/// <summary>
/// What a runs folder holds: the runs that load (newest first) and, one line each, the folders that do not
/// (<c>FOLDER: why</c>), so that one bad folder never hides the good ones.
/// </summary>
public sealed record RunScan(IReadOnlyList<RunListing> Runs, IReadOnlyList<string> Unreadable);
