namespace PerfNotebooks.Hosts;

/// <summary>Whether one stack can run on a host, and why not: what <c>perfnb servers</c> says there.</summary>
/// <param name="Stack">The stack's name.</param>
/// <param name="Installed">True when it can run there.</param>
/// <param name="Detail">The versions found, or what is missing (e.g. "gunicorn does not import under /usr/bin/python3: ...").</param>
public sealed record HostStackStatus(string Stack, bool Installed, string Detail);
