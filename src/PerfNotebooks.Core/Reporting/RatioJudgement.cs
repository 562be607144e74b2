namespace PerfNotebooks.Reporting;

/// <summary>A ratio with its interval, the outcome against the equivalence band, and (when undecided) about how many more repetitions per side would likely decide it.</summary>
public sealed record RatioJudgement(RatioInterval Interval, VerdictOutcome Outcome, int? MoreRepetitions);
