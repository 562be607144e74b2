namespace PerfNotebooks.Experiments;

/// <summary>
/// The machine and software a run was measured on (DESIGN.md, rule 5). Stored in run.json with every
/// run: a figure without its environment cannot be compared with another.
/// </summary>
public sealed record EnvironmentInfo
{
    /// <summary>The CPU model (/proc/cpuinfo).</summary>
    public string CpuModel { get; init; } = "";
    /// <summary>CPU cores this machine has.</summary>
    public int Cores { get; init; }
    /// <summary>Memory in bytes.</summary>
    public long MemoryBytes { get; init; }
    /// <summary>The kernel release.</summary>
    public string Kernel { get; init; } = "";
    /// <summary>The operating system's name and version.</summary>
    public string Os { get; init; } = "";
    /// <summary>The .NET runtime that ran the generator.</summary>
    public string DotnetVersion { get; init; } = "";
    /// <summary>The Python interpreter the servers ran on.</summary>
    public string PythonExecutable { get; init; } = "";
    /// <summary>Its version.</summary>
    public string PythonVersion { get; init; } = "";

    /// <summary>Python distributions (django, flask, gunicorn, ...) and their versions; "missing" when not installed.</summary>
    public IReadOnlyDictionary<string, string> Packages { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The PerfNotebooks version that measured.</summary>
    public string ToolkitVersion { get; init; } = "";

    /// <summary>Commit of the checkout the toolkit ran from, with "-dirty" when it had local changes; empty outside a checkout.</summary>
    public string GitCommit { get; init; } = "";

    /// <summary>The machine's name.</summary>
    public string Hostname { get; init; } = "";

    /// <summary>The kernel's limits on connections (somaxconn, open files); null in runs recorded before they were.</summary>
    public SystemLimits? Limits { get; init; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>When the run ended; null while it runs.</summary>
    public DateTimeOffset? EndedAt { get; init; }
}
