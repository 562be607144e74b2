namespace PerfNotebooks.Experiments;

/// <summary>The folder runs are stored in cannot be written. Front ends add which option picks another.</summary>
public sealed class RunsFolderNotWritableException(string root, string reason, Exception inner)
    : PerfNotebooksException($"cannot write runs to '{root}': {reason}.", inner)
{
    /// <summary>The runs folder.</summary>
    public string Root { get; } = root;

    /// <summary>The message without its closing full stop, for a front end to add its hint to.</summary>
    public string Problem => Message[..^1];
}
