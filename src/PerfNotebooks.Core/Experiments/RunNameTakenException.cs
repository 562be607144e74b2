namespace PerfNotebooks.Experiments;

/// <summary>A new run was given a name whose folder already exists. Front ends add how to choose another or resume it.</summary>
public sealed class RunNameTakenException(string id, string root)
    : PerfNotebooksException($"a run named '{id}' already exists under {root}.")
{
    /// <summary>The name asked for (the folder's name).</summary>
    public string Id { get; } = id;

    /// <summary>The runs folder it is in.</summary>
    public string Root { get; } = root;

    /// <summary>The message without its closing full stop, for a front end to add its hint to.</summary>
    public string Problem => Message[..^1];
}
