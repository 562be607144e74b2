namespace PerfNotebooks.Hosts;

/// <summary>An ssh client option that is not Key=Value.</summary>
public sealed class InvalidSshOptionException(string text)
    : PerfNotebooksException($"'{text}' is not Key=Value; use an ssh client option, e.g. IdentityFile=~/.ssh/lab_key.")
{
    /// <summary>The option as given.</summary>
    public string Text { get; } = text;
}
