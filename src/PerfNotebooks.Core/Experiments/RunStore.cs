using System.Globalization;
using System.Text.Json;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Runs on disk: one folder per run under a root (data/runs by default) holding run.json, results.csv,
/// timeline.csv, resources.csv and hlog/CELL.hlog. Creates, lists, loads and reopens runs. A writer holds
/// the folder's lock (<see cref="RunLock"/>); readers need none, since every file is replaced whole.
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
                throw new RunNameTakenException(id, root);
        }
        else
        {
            var stem = $"{environment.StartedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Sanitize(plan.Name)}";
            id = stem;
            for (var i = 2; System.IO.Directory.Exists(Path.Combine(root, id)); i++) id = $"{stem}-{i.ToString(CultureInfo.InvariantCulture)}";
        }
        var directory = Path.GetFullPath(Path.Combine(root, id));
        System.IO.Directory.CreateDirectory(directory);
        var session = new RunSession(directory, new RunInfo { Id = id, Plan = plan, Environment = environment }, [], RunLock.Acquire(directory, id));
        try
        {
            session.WriteInfo();
            session.WriteTables();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PerfNotebooksException)
        {
            // A run that could not even be written is no run: leave no half folder behind.
            session.Dispose();
            try { System.IO.Directory.Delete(directory, recursive: true); }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
            throw e as PerfNotebooksException ?? new PerfNotebooksException($"cannot write runs to '{root}': {OneLine(e.Message)}.", e);
        }
        return session;
    }

    /// <summary>
    /// Reopens a stored run to measure its remaining cells: takes the folder's lock (another live writer is a
    /// <see cref="RunLockedException"/> naming it; a lock left by a dead one is taken over), removes the temporary
    /// files a killed writer left, and marks the run running again.
    /// </summary>
    public static RunSession Resume(string run, string root = DefaultRoot)
    {
        var directory = Resolve(run, root);
        EnsureWritable(directory);
        var runLock = RunLock.Acquire(directory, Path.GetFileName(directory));
        try
        {
            // Under the lock, so that no live writer's temporary file can be taken for a dead one's.
            AtomicFile.RemoveStale(directory);
            AtomicFile.RemoveStale(Path.Combine(directory, RunFiles.HistogramFolder));
            var record = Load(directory, root);
            var session = new RunSession(record.Directory, record.Info, record.Results, runLock);
            session.MarkResumed();
            return session;
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
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
            info = ReadInfo(directory);
            info.Plan.Validate();
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException or UnauthorizedAccessException or PerfNotebooksException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new PerfNotebooksException($"run '{run}' is corrupt: {RunFiles.RunJson} does not load ({OneLine(e.Message)}).", e);
        }
        // A run marked running whose writer is gone (killed, or the machine went down) was interrupted.
        if (info.Status == RunStatus.Running && !RunLock.IsHeld(directory)) info = info with { Status = RunStatus.Interrupted };
        try
        {
            var cells = info.Plan.Cells().ToDictionary(c => c.Id, StringComparer.Ordinal);
            var results = ResultsCsv.ReadResults(CsvTable.Read(Path.Combine(directory, RunFiles.Results), ResultsCsv.RequiredResultColumns), cells);
            var timeline = ResultsCsv.ReadTimeline(CsvTable.Read(Path.Combine(directory, RunFiles.Timeline), ResultsCsv.TimelineColumns));
            var resources = ResultsCsv.ReadResources(CsvTable.Read(Path.Combine(directory, RunFiles.Resources), ResultsCsv.ResourceColumns));
            var loaded = new List<CellResult>(results.Count);
            var problems = new List<string>();
            foreach (var r in results)
            {
                var hlog = RunFiles.HistogramLog(directory, r.Cell.Id);
                var withSeries = r with
                {
                    Timeline = timeline.TryGetValue(r.Cell.Id, out var t) ? t : [],
                    Resources = resources.TryGetValue(r.Cell.Id, out var s) ? s : [],
                };
                // A histogram log only draws the latency distribution: a damaged or missing one costs that cell its
                // histogram, not the whole run (the cell's percentiles are in results.csv).
                var name = $"{RunFiles.HistogramFolder}/{r.Cell.Id}.hlog";
                if (File.Exists(hlog))
                {
                    try
                    {
                        var (corrected, uncorrected) = HistogramLogFile.Read(hlog);
                        withSeries = withSeries with { Corrected = corrected, Uncorrected = uncorrected };
                    }
                    catch (Exception e) when (HistogramLogFile.IsUnreadable(e))
                    {
                        problems.Add($"{name} does not load ({OneLine(e.Message)}); cell {r.Cell.Id} is shown without its latency histogram.");
                    }
                }
                else if (r.Measured && r.Summary.Requests > 0)
                {
                    problems.Add($"{name} is missing; cell {r.Cell.Id} is shown without its latency histogram.");
                }
                loaded.Add(withSeries);
            }
            return new RunRecord { Directory = directory, Info = info, Results = loaded, Problems = problems };
        }
        catch (Exception e) when (e is FormatException or IOException or ArgumentException or OverflowException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new PerfNotebooksException($"run '{run}' is corrupt: {OneLine(e.Message)}.", e);
        }
    }

    /// <summary>Every run under <paramref name="root"/>, newest first; folders that do not load are left out (see <see cref="Scan"/>).</summary>
    public static IReadOnlyList<RunListing> List(string root = DefaultRoot) => Scan(root).Runs;

    /// <summary>
    /// Every run under <paramref name="root"/>, newest first, and one line per folder that is not a whole run
    /// (no run.json, a run.json that does not parse or lacks a field, a results.csv that does not parse):
    /// one bad folder never hides the good ones. Hidden folders (a leading dot) are not looked at.
    /// </summary>
    public static RunScan Scan(string root = DefaultRoot)
    {
        if (File.Exists(root)) throw new PerfNotebooksException($"'{root}' is a file, not a folder of runs.");
        if (!System.IO.Directory.Exists(root)) return new RunScan([], []);
        var runs = new List<RunListing>();
        var unreadable = new List<string>();
        foreach (var dir in System.IO.Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (name.StartsWith('.')) continue;
            if (!File.Exists(Path.Combine(dir, RunFiles.RunJson)))
            {
                unreadable.Add($"{name}: not a run (no {RunFiles.RunJson}).");
                continue;
            }
            RunInfo info;
            try
            {
                info = ReadInfo(dir);
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or FormatException or NotSupportedException or InvalidOperationException or ArgumentException)
            {
                unreadable.Add($"{name}: {RunFiles.RunJson} does not load ({OneLine(e.Message)}).");
                continue;
            }
            try
            {
                var status = info.Status == RunStatus.Running && !RunLock.IsHeld(dir) ? RunStatus.Interrupted : info.Status;
                var results = Path.Combine(dir, RunFiles.Results);
                var (done, failed) = File.Exists(results) ? CountCells(results) : (0, 0);
                runs.Add(new RunListing(name, Path.GetFullPath(dir), info.Plan.Name, status, info.Environment.StartedAt,
                    done, info.Plan.Cells().Count, File.Exists(Path.Combine(dir, RunFiles.Report)), failed));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException or ArgumentException)
            {
                var message = OneLine(e.Message);
                unreadable.Add($"{name}: {(message.StartsWith(RunFiles.Results, StringComparison.Ordinal) ? "" : RunFiles.Results + ": ")}{message}.");
            }
        }
        return new RunScan(runs.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).ToList(), unreadable);
    }

    /// <summary>Reads and checks run.json (every field the code relies on is there).</summary>
    private static RunInfo ReadInfo(string directory)
        => RunInfoCheck.Validate(JsonSerializer.Deserialize<RunInfo>(File.ReadAllText(Path.Combine(directory, RunFiles.RunJson)), RunJson.Options));

    /// <summary>Measured and failed rows of a results.csv, read without loading the cells.</summary>
    private static (int Done, int Failed) CountCells(string results)
    {
        var table = CsvTable.Read(results, ["cell_id", "flags"]);
        var failed = 0;
        for (var i = 0; i < table.Count; i++)
            if (table.Text(i, "flags").Split(';').Any(CellFlags.Failures.Contains)) failed++;
        return (table.Count - failed, failed);
    }

    /// <summary>Finds a run folder from a path or an id.</summary>
    public static string Resolve(string run, string root = DefaultRoot)
    {
        if (string.IsNullOrWhiteSpace(run)) throw new RunNotFoundException("", root);
        foreach (var candidate in new[] { run, Path.Combine(root, run) })
            if (System.IO.Directory.Exists(candidate) && File.Exists(Path.Combine(candidate, RunFiles.RunJson))) return Path.GetFullPath(candidate);
        if (System.IO.Directory.Exists(run) || System.IO.Directory.Exists(Path.Combine(root, run)))
            throw new PerfNotebooksException($"run '{run}' is corrupt: it has no {RunFiles.RunJson}.");
        throw new RunNotFoundException(run, root);
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
            throw new RunsFolderNotWritableException(root, OneLine(e.Message), e);
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
