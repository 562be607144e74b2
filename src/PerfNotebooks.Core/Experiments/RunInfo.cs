namespace PerfNotebooks.Experiments;

/// <summary>run.json: the plan, the environment and the run's status. The cells themselves are in the CSV and .hlog files.</summary>
public sealed record RunInfo
{
    /// <summary>The version of run.json's format.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>The run folder's name, e.g. <c>20261126-061500-quick</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The plan measured.</summary>
    public required ExperimentPlan Plan { get; init; }
    /// <summary>The machine and software that measured.</summary>
    public required EnvironmentInfo Environment { get; init; }
    /// <summary>Running, complete, interrupted or incomplete.</summary>
    public RunStatus Status { get; init; } = RunStatus.Running;

    /// <summary>The database the servers used (the realistic workloads), as started by the latest session; null: none.</summary>
    public Backends.DatabaseInfo? Database { get; init; }

    /// <summary>How many times cells were measured into this run: 1, plus one per resume.</summary>
    public int Sessions { get; init; } = 1;

    /// <summary>The hosts of a distributed run (server host, load hosts, their environments); null when it ran on one machine.</summary>
    public RunTopology? Topology { get; init; }
}
