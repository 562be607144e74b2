namespace PerfNotebooks.Experiments;

/// <summary>
/// The machine and software a run was measured on (DESIGN.md, rule 5). Stored in run.json with every
/// run: a figure without its environment cannot be compared with another.
/// </summary>
public sealed record EnvironmentInfo
{
    public string CpuModel { get; init; } = "";
    public int Cores { get; init; }
    public long MemoryBytes { get; init; }
    public string Kernel { get; init; } = "";
    public string Os { get; init; } = "";
    public string DotnetVersion { get; init; } = "";
    public string PythonExecutable { get; init; } = "";
    public string PythonVersion { get; init; } = "";

    /// <summary>Python distributions (django, flask, gunicorn, ...) and their versions; "missing" when not installed.</summary>
    public IReadOnlyDictionary<string, string> Packages { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public string ToolkitVersion { get; init; } = "";

    /// <summary>Commit of the checkout the toolkit ran from, with "-dirty" when it had local changes; empty outside a checkout.</summary>
    public string GitCommit { get; init; } = "";

    public string Hostname { get; init; } = "";

    /// <summary>The kernel's limits on connections (somaxconn, open files); null in runs recorded before they were.</summary>
    public SystemLimits? Limits { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
}
