namespace PerfNotebooks.Servers;

/// <summary>Whether a stack can run on this machine, and why (what is missing, or the versions found).</summary>
public sealed record StackInstallation(bool Installed, string Detail);
