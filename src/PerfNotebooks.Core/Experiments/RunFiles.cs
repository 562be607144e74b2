namespace PerfNotebooks.Experiments;

/// <summary>The names of a run folder's files, in one place.</summary>
public static class RunFiles
{
    /// <summary>The run's plan, environment and status.</summary>
    public const string RunJson = "run.json";
    /// <summary>One row per measured cell.</summary>
    public const string Results = "results.csv";
    /// <summary>Every cell's per-second timeline.</summary>
    public const string Timeline = "timeline.csv";
    /// <summary>Every cell's resource samples.</summary>
    public const string Resources = "resources.csv";
    /// <summary>The folder of the cells' interval logs.</summary>
    public const string HistogramFolder = "hlog";
    /// <summary>The HTML report.</summary>
    public const string Report = "report.html";

    /// <summary>The verdicts (who leads, by how much, how sure), one row per dimension and condition.</summary>
    public const string Verdicts = "verdicts.csv";

    /// <summary>The classic article's claims with their outcomes.</summary>
    public const string Claims = "claims.csv";

    /// <summary>The interval log of cell <paramref name="cellId"/> in run folder <paramref name="runDirectory"/>.</summary>
    public static string HistogramLog(string runDirectory, string cellId) => Path.Combine(runDirectory, HistogramFolder, cellId + ".hlog");
}
