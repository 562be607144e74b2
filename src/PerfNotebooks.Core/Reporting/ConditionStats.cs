using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// One condition (stack x workers x endpoint x load level) over its repetitions: the per-repetition
/// values kept for tests between conditions, and their estimates. Latencies in milliseconds, memory in
/// MB (10^6 bytes), CPU in % of one core. Cells that could not be measured are left out and counted.
/// </summary>
public sealed record ConditionStats
{
    /// <summary>The stack.</summary>
    public required string Stack { get; init; }
    /// <summary>Its app.</summary>
    public required string App { get; init; }
    /// <summary>Its server.</summary>
    public required string Server { get; init; }
    /// <summary>Its worker class, where the server has them.</summary>
    public string? WorkerClass { get; init; }
    /// <summary>Worker processes.</summary>
    public required int Workers { get; init; }
    /// <summary>The endpoint.</summary>
    public required string Endpoint { get; init; }
    /// <summary>Closed loop or constant rate.</summary>
    public required LoadModel Model { get; init; }
    /// <summary>Connections (closed loop) or requests per second (constant rate).</summary>
    public required double Level { get; init; }
    /// <summary>The matrix of the plan it belongs to.</summary>
    public required string Matrix { get; init; }

    /// <summary>The rate profile the condition followed (a spike, a ramp); null at a steady load level.</summary>
    public Load.RateProfile? Profile { get; init; }

    /// <summary>Measured repetitions (start failures excluded).</summary>
    public required IReadOnlyList<CellResult> Cells { get; init; }

    /// <summary>Repetitions whose server would not start.</summary>
    public int StartFailures { get; init; }

    /// <summary>Repetitions left out of the statistics: the server did not start, or not one request completed.</summary>
    public IReadOnlyList<CellResult> Unusable { get; init; } = [];

    /// <summary>Requests per second, per measured repetition.</summary>
    public required double[] Rps { get; init; }
    /// <summary>p50 latency in ms, per repetition.</summary>
    public required double[] P50Ms { get; init; }
    /// <summary>p99 latency in ms, per repetition.</summary>
    public required double[] P99Ms { get; init; }
    /// <summary>Server CPU in % of one core, per repetition.</summary>
    public required double[] CpuPercent { get; init; }
    /// <summary>Server memory (PSS) in MB, per repetition.</summary>
    public required double[] PssMb { get; init; }
    /// <summary>Requests per second per CPU core used, per repetition.</summary>
    public required double[] RpsPerCore { get; init; }
    /// <summary>Requests per second per MB of memory, per repetition.</summary>
    public required double[] RpsPerMb { get; init; }
    /// <summary>Share of failed requests, per repetition.</summary>
    public required double[] ErrorRate { get; init; }

    /// <summary>Server memory per open connection, kB: (peak PSS − PSS before the load) / connections, per repetition (NaN: unknown).</summary>
    public double[] PssPerConnectionKb { get; init; } = [];

    /// <summary>Server CPU seconds per 1,000 completed requests, per repetition: what a request costs the server.</summary>
    public double[] CpuSecondsPer1000 { get; init; } = [];

    /// <summary>Each repetition's req/s in every full second of its timeline: the evidence within a repetition.</summary>
    public IReadOnlyList<IReadOnlyList<double>> RpsWindows { get; init; } = [];

    /// <summary>Each repetition's p99 (ms) in every full second of its timeline.</summary>
    public IReadOnlyList<IReadOnlyList<double>> P99Windows { get; init; } = [];

    /// <summary>The req/s sample for comparisons: repetitions and their per-second windows.</summary>
    public RepetitionSample RpsSample => RepetitionSample.Of(Rps, RpsWindows);
    /// <summary>The p99 sample for comparisons.</summary>
    public RepetitionSample P99Sample => RepetitionSample.Of(P99Ms, P99Windows);

    /// <summary>Coefficient of variation of req/s over the repetitions (sd / mean): how much a repetition typically differs.</summary>
    public double RpsCv => Statistics.CoefficientOfVariation(Rps);

    /// <summary>Mean share of failed requests over the measured repetitions (0.12 = 12%).</summary>
    public double MeanErrorRate => ErrorRate.Length == 0 ? 0 : ErrorRate.Average();

    /// <summary>Mean req/s with its 95% interval.</summary>
    public Estimate RpsEstimate => Estimate.Of(Rps);
    /// <summary>Mean p50 (ms) with its 95% interval.</summary>
    public Estimate P50Estimate => Estimate.Of(P50Ms);
    /// <summary>Mean p99 (ms) with its 95% interval.</summary>
    public Estimate P99Estimate => Estimate.Of(P99Ms);
    /// <summary>Mean server CPU (%) with its 95% interval.</summary>
    public Estimate CpuEstimate => Estimate.Of(CpuPercent);
    /// <summary>Mean server memory (PSS, MB) with its 95% interval.</summary>
    public Estimate PssEstimate => Estimate.Of(PssMb);
    /// <summary>Mean req/s per CPU core with its 95% interval.</summary>
    public Estimate RpsPerCoreEstimate => Estimate.Of(RpsPerCore);
    /// <summary>Mean req/s per MB with its 95% interval.</summary>
    public Estimate RpsPerMbEstimate => Estimate.Of(RpsPerMb);

    /// <summary>Every flag any repetition carried (measured or not).</summary>
    public IReadOnlyList<string> Flags => Cells.Concat(Unusable).SelectMany(c => c.Flags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>How many repetitions (measured or not) carry <paramref name="flag"/>.</summary>
    public int FlaggedRepetitions(string flag) => Cells.Concat(Unusable).Count(c => c.HasFlag(flag));

    /// <summary>A short name for tables and legends: the stack, with its worker count when not 1.</summary>
    public string Label => Workers == 1 ? Stack : $"{Stack} ×{Workers.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
