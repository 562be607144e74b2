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

    public static string HistogramLog(string runDirectory, string cellId) => Path.Combine(runDirectory, HistogramFolder, cellId + ".hlog");
}
