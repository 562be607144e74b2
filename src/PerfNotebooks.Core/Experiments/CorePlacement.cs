using System.Text.Json.Serialization;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Where a run puts the load generator and the server: on a machine with two or more CPUs, the
/// in-process generator (this process, every thread) on the first CPU and each server (taskset) on the
/// rest, so they do not compete for the same cores and a cell's figure depends less on how the
/// scheduler happened to interleave them. Recorded in run.json with the plan; null there means the
/// two shared every core (runs before this existed, runs with the option off, one-CPU machines).
/// </summary>
public sealed record CorePlacement
{
    /// <summary>CPU list of the load generator, e.g. "0".</summary>
    public required string GeneratorCpus { get; init; }

    /// <summary>CPU list of every server, e.g. "1" or "1-3".</summary>
    public required string ServerCpus { get; init; }

    /// <summary>How many CPUs the server has.</summary>
    [JsonIgnore]
    public int ServerCoreCount => CpuSet.Parse(ServerCpus).Count;

    /// <summary>The placement for this machine: null when fewer than two CPUs are allowed (nothing to separate).</summary>
    public static CorePlacement? ForThisMachine()
    {
        var cpus = CpuSet.Allowed();
        if (cpus.Count < 2) return null;
        return new CorePlacement { GeneratorCpus = CpuSet.Format([cpus[0]]), ServerCpus = CpuSet.Format(cpus.Skip(1)) };
    }

    /// <summary>The stack pinned to the server CPUs, unless it names CPUs of its own.</summary>
    public StackSpec ForServer(StackSpec stack) => stack.Cpus is null ? stack with { Cpus = ServerCpus } : stack;

    /// <summary>"generator on CPU 0, servers on CPU 1".</summary>
    public override string ToString()
        => $"generator on CPU {GeneratorCpus}, servers on CPU{(ServerCoreCount == 1 ? "" : "s")} {ServerCpus}";
}
