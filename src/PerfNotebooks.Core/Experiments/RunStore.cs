using System.Globalization;
using System.Text.Json;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Runs on disk: one folder per run under a root (data/runs by default) holding run.json, results.csv,
/// timeline.csv, resources.csv and hlog/CELL.hlog. Creates, lists, loads and reopens runs.
/// </summary>
public static class RunStore
{
    /// <summary>Where runs go unless told otherwise (relative to the working directory).</summary>
    public const string DefaultRoot = "data/runs";

    /// <summary>
    /// Creates a new run folder and writes its run.json and empty tables; an unwritable root is a one-line
    /// error. The folder is named TIMESTAMP-PLAN, or exactly <paramref name="name"/> when given.
    /// </summary>
    public static RunSession Create(string root, ExperimentPlan plan, EnvironmentInfo environment, string? name = null)
    {
        plan.Validate();
        EnsureWritable(root);
        string id;
        if (name is not null)
        {
            // A name the user chose is the folder's name as given (e.g. seed-reference), never renamed.
            id = Sanitize(name);
            if (System.IO.Directory.Exists(Path.Combine(root, id)))
                throw new PerfNotebooksException($"a run named '{id}' already exists under {root}; choose another --name, or finish it with --resume {id}.");
        }
        else
        {
            var stem = $"{environment.StartedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Sanitize(plan.Name)}";
            id = stem;
            for (var i = 2; System.IO.Directory.Exists(Path.Combine(root, id)); i++) id = $"{stem}-{i.ToString(CultureInfo.InvariantCulture)}";
        }
        var directory = Path.GetFullPath(Path.Combine(root, id));
        System.IO.Directory.CreateDirectory(directory);
        var session = new RunSession(directory, new RunInfo { Id = id, Plan = plan, Environment = environment }, []);
        session.WriteInfo();
        session.WriteTables();
        return session;
    }

    /// <summary>Reopens a stored run to measure its remaining cells (<c>--resume</c>).</summary>
    public static RunSession Resume(string run, string root = DefaultRoot)
    {
        var record = Load(run, root);
        EnsureWritable(record.Directory);
        var session = new RunSession(record.Directory, record.Info, record.Results);
        session.MarkResumed();
        return session;
    }

    /// <summary>
    /// Loads a run: <paramref name="run"/> is a folder path or a run id under <paramref name="root"/>.
    /// A missing or corrupt run is a <see cref="PerfNotebooksException"/> saying which and why.
    /// </summary>
    public static RunRecord Load(string run, string root = DefaultRoot)
    {
        var directory = Resolve(run, root);
        RunInfo info;
        try
        {
            info = JsonSerializer.Deserialize<RunInfo>(File.ReadAllText(Path.Combine(directory, RunFiles.RunJson)), RunJson.Options)
                ?? throw new FormatException("run.json is empty");
            info.Plan.Validate();
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException or PerfNotebooksException or NotSupportedException or InvalidOperationException)
        {
            throw new PerfNotebooksException($"run '{run}' is corrupt: {RunFiles.RunJson} does not load ({OneLine(e.Message)}).", e);
        }
        try
        {
            var cells = info.Plan.Cells().ToDictionary(c => c.Id, StringComparer.Ordinal);
            var results = ResultsCsv.ReadResults(CsvTable.Read(Path.Combine(directory, RunFiles.Results), ResultsCsv.RequiredResultColumns), cells);
            var timeline = ResultsCsv.ReadTimeline(CsvTable.Read(Path.Combine(directory, RunFiles.Timeline), ResultsCsv.TimelineColumns));
            var resources = ResultsCsv.ReadResources(CsvTable.Read(Path.Combine(directory, RunFiles.Resources), ResultsCsv.ResourceColumns));
            var loaded = new List<CellResult>(results.Count);
            foreach (var r in results)
            {
                var hlog = RunFiles.HistogramLog(directory, r.Cell.Id);
                var withSeries = r with
                {
                    Timeline = timeline.TryGetValue(r.Cell.Id, out var t) ? t : [],
                    Resources = resources.TryGetValue(r.Cell.Id, out var s) ? s : [],
                };
                if (File.Exists(hlog))
                {
                    var (corrected, uncorrected) = HistogramLogFile.Read(hlog);
                    withSeries = withSeries with { Corrected = corrected, Uncorrected = uncorrected };
                }
                else if (r.Measured && r.Summary.Requests > 0)
                {
                    throw new FormatException($"{RunFiles.HistogramFolder}/{r.Cell.Id}.hlog is missing");
                }
                loaded.Add(withSeries);
            }
            return new RunRecord { Directory = directory, Info = info, Results = loaded };
        }
        catch (Exception e) when (e is FormatException or IOException or ArgumentException or OverflowException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new PerfNotebooksException($"run '{run}' is corrupt: {OneLine(e.Message)}.", e);
        }
    }

    /// <summary>Every run under <paramref name="root"/>, newest first; folders that are not runs are skipped.</summary>
    public static IReadOnlyList<RunListing> List(string root = DefaultRoot)
    {
        if (!System.IO.Directory.Exists(root)) return [];
        var list = new List<RunListing>();
        foreach (var dir in System.IO.Directory.EnumerateDirectories(root))
        {
            var json = Path.Combine(dir, RunFiles.RunJson);
            if (!File.Exists(json)) continue;
            try
            {
                var info = JsonSerializer.Deserialize<RunInfo>(File.ReadAllText(json), RunJson.Options);
                if (info is null) continue;
                var results = Path.Combine(dir, RunFiles.Results);
                var done = File.Exists(results) ? Math.Max(0, Csv.Parse(File.ReadAllText(results)).Count - 1) : 0;
                list.Add(new RunListing(Path.GetFileName(dir), Path.GetFullPath(dir), info.Plan.Name, info.Status, info.Environment.StartedAt,
                    done, info.Plan.Cells().Count, File.Exists(Path.Combine(dir, RunFiles.Report))));
            }
            catch (Exception e) when (e is JsonException or IOException or FormatException or NotSupportedException or InvalidOperationException)
            {
                // A folder that does not load is not listed as a run; `perfnb report` on it says why.
            }
        }
        return list.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Finds a run folder from a path or an id.</summary>
    public static string Resolve(string run, string root = DefaultRoot)
    {
        if (string.IsNullOrWhiteSpace(run)) throw new PerfNotebooksException("no run given; `perfnb runs` lists the stored runs.");
        foreach (var candidate in new[] { run, Path.Combine(root, run) })
            if (System.IO.Directory.Exists(candidate) && File.Exists(Path.Combine(candidate, RunFiles.RunJson))) return Path.GetFullPath(candidate);
        if (System.IO.Directory.Exists(run) || System.IO.Directory.Exists(Path.Combine(root, run)))
            throw new PerfNotebooksException($"run '{run}' is corrupt: it has no {RunFiles.RunJson}.");
        throw new PerfNotebooksException($"run '{run}' does not exist (looked for a folder of that name and under {root}); `perfnb runs` lists the stored runs.");
    }

    private static void EnsureWritable(string root)
    {
        try
        {
            System.IO.Directory.CreateDirectory(root);
            var probe = Path.Combine(root, ".write-test-" + Guid.NewGuid().ToString("N")[..8]);
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new PerfNotebooksException($"cannot write runs to '{root}': {OneLine(e.Message)}; give --out a folder you can write to.", e);
        }
    }

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray();
        var s = new string(chars).Trim('-');
        return s.Length == 0 ? "run" : s;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
}
