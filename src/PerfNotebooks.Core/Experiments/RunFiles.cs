namespace PerfNotebooks.Experiments;

/// <summary>The names of a run folder's files, in one place.</summary>
public static class RunFiles
{
    public const string RunJson = "run.json";
    public const string Results = "results.csv";
    public const string Timeline = "timeline.csv";
    public const string Resources = "resources.csv";
    public const string HistogramFolder = "hlog";
    public const string Report = "report.html";

    /// <summary>The verdicts (who leads, by how much, how sure), one row per dimension and condition.</summary>
    public const string Verdicts = "verdicts.csv";

    /// <summary>The classic article's claims with their outcomes.</summary>
    public const string Claims = "claims.csv";

    public static string HistogramLog(string runDirectory, string cellId) => Path.Combine(runDirectory, HistogramFolder, cellId + ".hlog");
}
