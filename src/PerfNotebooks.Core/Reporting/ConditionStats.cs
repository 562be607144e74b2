using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// One condition (stack x workers x endpoint x load level) over its repetitions: the per-repetition
/// values kept for tests between conditions, and their estimates. Latencies in milliseconds, memory in
/// MB (10^6 bytes), CPU in % of one core. Cells that could not be measured are left out and counted.
/// </summary>
public sealed record ConditionStats
{
    public required string Stack { get; init; }
    public required string App { get; init; }
    public required string Server { get; init; }
    public string? WorkerClass { get; init; }
    public required int Workers { get; init; }
    public required string Endpoint { get; init; }
    public required LoadModel Model { get; init; }
    public required double Level { get; init; }
    public required string Matrix { get; init; }

    /// <summary>Measured repetitions (start failures excluded).</summary>
    public required IReadOnlyList<CellResult> Cells { get; init; }

    /// <summary>Repetitions whose server would not start.</summary>
    public int StartFailures { get; init; }

    public required double[] Rps { get; init; }
    public required double[] P50Ms { get; init; }
    public required double[] P99Ms { get; init; }
    public required double[] CpuPercent { get; init; }
    public required double[] PssMb { get; init; }
    public required double[] RpsPerCore { get; init; }
    public required double[] RpsPerMb { get; init; }
    public required double[] ErrorRate { get; init; }

    public Estimate RpsEstimate => Estimate.Of(Rps);
    public Estimate P50Estimate => Estimate.Of(P50Ms);
    public Estimate P99Estimate => Estimate.Of(P99Ms);
    public Estimate CpuEstimate => Estimate.Of(CpuPercent);
    public Estimate PssEstimate => Estimate.Of(PssMb);
    public Estimate RpsPerCoreEstimate => Estimate.Of(RpsPerCore);
    public Estimate RpsPerMbEstimate => Estimate.Of(RpsPerMb);

    /// <summary>Every flag any repetition carried.</summary>
    public IReadOnlyList<string> Flags => Cells.SelectMany(c => c.Flags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>A short name for tables and legends: the stack, with its worker count when not 1.</summary>
    public string Label => Workers == 1 ? Stack : $"{Stack} ×{Workers.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
