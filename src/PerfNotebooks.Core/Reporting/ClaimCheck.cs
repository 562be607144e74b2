namespace PerfNotebooks.Reporting;

/// <summary>One claim of the classic article, checked against the run: the outcome and the numbers behind it.</summary>
public sealed record ClaimCheck(string Claim, ClaimOutcome Outcome, string Evidence);
