using System.Text;
using System.Text.Json;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Writes one run's folder while it is measured. After every cell all files are rewritten atomically
/// (temp file, then rename), so the folder is always a valid run that can be loaded, reported or
/// resumed; a crash loses at most the cell in progress.
/// </summary>
public sealed class RunSession
{
    private readonly List<CellResult> _results;
    private readonly StringBuilder _results_csv = new();
    private readonly StringBuilder _timeline_csv = new();
    private readonly StringBuilder _resources_csv = new();

    internal RunSession(string directory, RunInfo info, IReadOnlyList<CellResult> existing)
    {
        Directory = directory;
        Info = info;
        _results = [.. existing];
        _results_csv.Append(ResultsCsv.Header(ResultsCsv.ResultColumns));
        _timeline_csv.Append(ResultsCsv.Header(ResultsCsv.TimelineColumns));
        _resources_csv.Append(ResultsCsv.Header(ResultsCsv.ResourceColumns));
        foreach (var r in existing) AppendRows(r);
    }

    public string Directory { get; }
    public RunInfo Info { get; private set; }
    public string Id => Info.Id;
    public IReadOnlyList<CellResult> Results => _results;

    /// <summary>Cells of the plan not stored yet, in run order.</summary>
    public IReadOnlyList<PlanCell> PendingCells()
    {
        var done = _results.Select(r => r.Cell.Id).ToHashSet(StringComparer.Ordinal);
        return Info.Plan.Cells().Where(c => !done.Contains(c.Id)).ToList();
    }

    /// <summary>Stores one measured cell: its .hlog first, then the CSV files, each atomically.</summary>
    public void Append(CellResult result)
    {
        if (_results.Any(r => r.Cell.Id == result.Cell.Id))
            throw new InvalidOperationException($"cell {result.Cell.Id} is already stored in run {Id}");
        if (result.Corrected is { } corrected && result.Uncorrected is { } uncorrected)
        {
            System.IO.Directory.CreateDirectory(Path.Combine(Directory, RunFiles.HistogramFolder));
            HistogramLogFile.Write(RunFiles.HistogramLog(Directory, result.Cell.Id), result.StartedAt, TimeSpan.FromSeconds(result.Summary.DurationSeconds), corrected, uncorrected);
        }
        _results.Add(result);
        AppendRows(result);
        WriteTables();
    }

    /// <summary>Sets the run's status (and the end time when complete or interrupted) in run.json.</summary>
    public void SetStatus(RunStatus status)
    {
        var env = Info.Environment;
        if (status != RunStatus.Running) env = env with { EndedAt = DateTimeOffset.UtcNow };
        Info = Info with { Status = status, Environment = env };
        WriteInfo();
    }

    /// <summary>Records the database this session's servers use (its kind, version, start time and pools) in run.json.</summary>
    public void SetDatabase(Backends.DatabaseInfo database)
    {
        Info = Info with { Database = database };
        WriteInfo();
    }

    /// <summary>The run as it stands, for a report.</summary>
    public RunRecord ToRecord() => new() { Directory = Directory, Info = Info, Results = [.. _results] };

    internal void WriteInfo() => AtomicFile.WriteAllText(Path.Combine(Directory, RunFiles.RunJson), JsonSerializer.Serialize(Info, RunJson.Options) + "\n");

    internal void WriteTables()
    {
        AtomicFile.WriteAllText(Path.Combine(Directory, RunFiles.Results), _results_csv.ToString());
        AtomicFile.WriteAllText(Path.Combine(Directory, RunFiles.Timeline), _timeline_csv.ToString());
        AtomicFile.WriteAllText(Path.Combine(Directory, RunFiles.Resources), _resources_csv.ToString());
    }

    internal void MarkResumed()
    {
        Info = Info with { Status = RunStatus.Running, Sessions = Info.Sessions + 1, Environment = Info.Environment with { EndedAt = null } };
        WriteInfo();
    }

    private void AppendRows(CellResult r)
    {
        _results_csv.Append(ResultsCsv.ResultRow(r));
        _timeline_csv.Append(ResultsCsv.TimelineRows(r));
        _resources_csv.Append(ResultsCsv.ResourceRows(r));
    }
}
