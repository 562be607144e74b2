namespace PerfNotebooks.Hosts;

/// <summary>A host could not be used: not reached, lost, or missing what a run needs. <see cref="Host"/> names it.</summary>
public class HostException(HostAddress host, string message) : PerfNotebooksException(message)
{
    /// <summary>The host the failure is about.</summary>
    public HostAddress Host { get; } = host;
}
