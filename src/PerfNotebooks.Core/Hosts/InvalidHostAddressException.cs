namespace PerfNotebooks.Hosts;

/// <summary>A host address that is not <c>ssh://user@host[:port]</c>. The message says what is wrong and what is accepted.</summary>
public sealed class InvalidHostAddressException(string text, string reason)
    : PerfNotebooksException($"'{text}' is not a host address: {reason}; use ssh://user@host or ssh://user@host:port.")
{
    /// <summary>The text as given.</summary>
    public string Text { get; } = text;

    /// <summary>What is wrong with it, e.g. "it does not start with ssh://".</summary>
    public string Reason { get; } = reason;
}
