namespace PerfNotebooks.Servers;

/// <summary>Versions of what a stack runs, read from the interpreter that runs it.</summary>
public sealed record ServerVersions(string Python, string Framework, string Server);
