namespace PerfNotebooks.Reporting;

/// <summary>
/// One row of the verdict table (and of verdicts.csv): in one dimension at one condition, who leads,
/// the runner-up, the ratio between them with its 95% interval, and the outcome against the
/// equivalence band. <see cref="Ratio"/> always reads in the leader's favour: how many times more req/s
/// (or gain), or how many times lower the latency or memory, so it is 1 or more.
/// </summary>
public sealed record Verdict
{
    /// <summary>throughput, response time, resource use or scalability (<see cref="Dimensions"/>).</summary>
    public required string Dimension { get; init; }

    /// <summary>What was compared within the dimension: "req/s", "p99 latency", "req/s per CPU core", "memory (PSS)", "req/s gain".</summary>
    public required string Measure { get; init; }

    /// <summary>Where: "/plaintext at 64 connections", or for scalability "/io?ms=10, 8 → 64 connections".</summary>
    public required string Condition { get; init; }

    /// <summary>The stack that leads.</summary>
    public required string Leader { get; init; }
    /// <summary>The stack in second place.</summary>
    public required string RunnerUp { get; init; }

    /// <summary>The leader's geometric mean over its repetitions, with its unit.</summary>
    public required string LeaderValue { get; init; }

    /// <summary>The runner-up's geometric mean, with its unit.</summary>
    public required string RunnerUpValue { get; init; }

    /// <summary>How many times better the leader is (1 or more).</summary>
    public required double Ratio { get; init; }

    /// <summary>Low end of the ratio's 95% interval; NaN when there is none (one repetition on both sides).</summary>
    public required double RatioLow { get; init; }

    /// <summary>High end of the ratio's 95% interval; NaN when there is none.</summary>
    public required double RatioHigh { get; init; }

    /// <summary>Leads, practically equal, or cannot tell yet.</summary>
    public required VerdictOutcome Outcome { get; init; }

    /// <summary>When <see cref="VerdictOutcome.CannotTell"/>: about how many more repetitions would likely decide it (null: many, or unknown).</summary>
    public int? MoreRepetitions { get; init; }

    /// <summary>What else a reader must know: flags on the leader or runner-up ("tornado failed 12% of requests"), conditions left out and why.</summary>
    public string Note { get; init; } = "";

    /// <summary>The band the outcome was judged against, as a fraction (0.05 for ±5%).</summary>
    public required double Band { get; init; }

    /// <summary>The verdict in one sentence (made from the fields above, so every view words it alike).</summary>
    public string InWords() => VerdictWords.Sentence(this);

    /// <summary>The outcome in a few words: "leads", "practically equal", "cannot tell yet (~3 more reps)".</summary>
    public string OutcomeWords() => VerdictWords.Outcome(this);
}
