namespace PerfNotebooks.Experiments;

/// <summary>No stored run under the name or path given (or none given). Front ends add how to list the stored runs.</summary>
public sealed class RunNotFoundException(string run, string root)
    : PerfNotebooksException(string.IsNullOrWhiteSpace(run)
        ? "no run given."
        : $"run '{run}' does not exist (looked for a folder of that name and under {root}).")
{
    /// <summary>The name or path asked for; blank when none was given.</summary>
    public string Run { get; } = run;

    /// <summary>The runs folder looked in.</summary>
    public string Root { get; } = root;

    /// <summary>The message without its closing full stop, for a front end to add its hint to.</summary>
    public string Problem => Message[..^1];
}
