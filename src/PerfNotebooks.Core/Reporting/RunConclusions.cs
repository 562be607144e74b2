using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// What a run concludes, computed once: the verdicts and the article's claims, judged against one
/// equivalence band. Every view (report.html, the terminal summary, #!compare, the notebooks) reads
/// this object, and <see cref="ConclusionFiles"/> writes it to verdicts.csv and claims.csv, so they all
/// say the same.
/// </summary>
public sealed record RunConclusions
{
    /// <summary>The equivalence band the verdicts used.</summary>
    public required EquivalenceBand Band { get; init; }
    /// <summary>The verdict table.</summary>
    public required IReadOnlyList<Verdict> Verdicts { get; init; }
    /// <summary>The article's claims, checked.</summary>
    public required IReadOnlyList<ClaimCheck> Claims { get; init; }

    /// <summary>How each stack met a traffic spike (empty when the run met none): what the spike claim reads, for summaries.</summary>
    public IReadOnlyList<SpikeRow> Spikes { get; init; } = [];

    /// <summary>The conclusions of an analysed run.</summary>
    public static RunConclusions Of(RunAnalysis analysis, EquivalenceBand? band = null)
    {
        band ??= EquivalenceBand.Default;
        return new RunConclusions { Band = band, Verdicts = VerdictTable.Build(analysis, band), Claims = ArticleClaims.Check(analysis), Spikes = SpikesTable.Build(analysis) };
    }

    /// <summary>The conclusions of a stored run.</summary>
    public static RunConclusions Of(RunRecord run, EquivalenceBand? band = null) => Of(RunAnalysis.Of(run), band);

    /// <summary>Computes the conclusions and writes verdicts.csv and claims.csv into the run's folder.</summary>
    public static RunConclusions Store(RunRecord run, EquivalenceBand? band = null) => Store(RunAnalysis.Of(run), band);

    /// <summary>Computes the conclusions and writes verdicts.csv and claims.csv into the run's folder.</summary>
    public static RunConclusions Store(RunAnalysis analysis, EquivalenceBand? band = null)
    {
        var conclusions = Of(analysis, band);
        ConclusionFiles.Write(analysis.Run.Directory, conclusions);
        return conclusions;
    }
}
