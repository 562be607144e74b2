namespace PerfNotebooks.Hosts;

/// <summary>
/// The machine and software of one host in a distributed run, as <c>run.json</c> records it beside the local
/// environment: a figure measured on a host is only comparable with its CPU, kernel and versions known.
/// </summary>
public sealed record HostEnvironment
{
    /// <summary>The address it was reached at, <c>ssh://user@host[:port]</c>.</summary>
    public string Address { get; init; } = "";

    /// <summary>The host's own name (uname -n).</summary>
    public string Hostname { get; init; } = "";

    /// <summary>The host's CPU model.</summary>
    public string CpuModel { get; init; } = "";

    /// <summary>CPUs available to the remote user's processes (nproc).</summary>
    public int Cores { get; init; }

    /// <summary>The host's memory in bytes.</summary>
    public long MemoryBytes { get; init; }

    /// <summary>Kernel release (uname -r).</summary>
    public string Kernel { get; init; } = "";

    /// <summary>The distribution's PRETTY_NAME from /etc/os-release.</summary>
    public string Os { get; init; } = "";

    /// <summary>uname -m, e.g. x86_64.</summary>
    public string Architecture { get; init; } = "";

    /// <summary>The Python interpreter on the host.</summary>
    public string PythonExecutable { get; init; } = "";

    /// <summary>The interpreter's version; empty when it does not run there (a load host needs none).</summary>
    public string PythonVersion { get; init; } = "";

    /// <summary>Python distributions and their versions; "missing" when not installed.</summary>
    public IReadOnlyDictionary<string, string> Packages { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The host's own address on the connection the controller reached it by ($SSH_CONNECTION): what its servers bind to.</summary>
    public string OwnAddress { get; init; } = "";

    /// <summary>The controller's address as the host sees it ($SSH_CONNECTION): what a server on the controller binds to for it.</summary>
    public string ControllerAddress { get; init; } = "";

    /// <summary>The deployed perfnb's folder there.</summary>
    public string PerfnbFolder { get; init; } = "";

    /// <summary>The host's clock against this machine's, when measured.</summary>
    public ClockOffset? Clock { get; init; }
}
