namespace PerfNotebooks.Servers;

/// <summary>The named stacks PerfNotebooks knows.</summary>
public static class StackCatalog
{
    public static IReadOnlyList<StackSpec> All => throw new NotImplementedException("server lab: issue 2");

    /// <summary>The stack of that name, or a <see cref="PerfNotebooksException"/> listing the known ones and the nearest.</summary>
    public static StackSpec Get(string name) => throw new NotImplementedException();
}
