using PerfNotebooks.Load;

namespace PerfNotebooks.Hosts;

/// <summary>What one load host measured in one run, and when it was told to start.</summary>
/// <param name="Host">The host.</param>
/// <param name="Result">Its result, exactly as its <c>perfnb load --json</c> reported it (its share of the connections and rate).</param>
/// <param name="PlannedStart">The common start time it was given (this machine's clock).</param>
/// <param name="Clock">Its clock offset, by which the start time was translated for it.</param>
public sealed record HostLoadResult(HostAddress Host, LoadResult Result, DateTimeOffset PlannedStart, ClockOffset Clock)
{
    /// <summary>How far after the planned start (this machine's clock) the host's generator began: the alignment achieved.</summary>
    public TimeSpan StartSkew => Result.StartedAt == default ? TimeSpan.Zero : Result.StartedAt - Clock.Offset - PlannedStart;
}
