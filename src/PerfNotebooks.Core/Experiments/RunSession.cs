using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Writes one run's folder while it is measured, holding the folder's lock (a second writer is refused).
/// After every cell all files are rewritten atomically (temp file, then rename; results.csv last, so that
/// it only ever names cells whose other files are written), so the folder is always a valid run that can
/// be loaded, reported or resumed; a crash loses at most the cell in progress. A write that fails (a full
/// disk) is one-line <see cref="PerfNotebooksException"/> and leaves every cell stored before it whole.
/// Dispose lets go of the lock.
/// </summary>
public sealed class RunSession : IDisposable
{
    private readonly List<CellResult> _results;
    private readonly StringBuilder _results_csv = new();
    private readonly StringBuilder _timeline_csv = new();
    private readonly StringBuilder _resources_csv = new();
    private RunLock? _lock;

    internal RunSession(string directory, RunInfo info, IReadOnlyList<CellResult> existing, RunLock runLock)
    {
        Directory = directory;
        Info = info;
        _lock = runLock;
        _results = [.. existing];
        RebuildRows();
    }

    /// <summary>The run's folder.</summary>
    public string Directory { get; }
    /// <summary>Its plan, environment and status.</summary>
    public RunInfo Info { get; private set; }
    /// <summary>The run's id (its folder's name).</summary>
    public string Id => Info.Id;
    /// <summary>The cells stored so far.</summary>
    public IReadOnlyList<CellResult> Results => _results;

    /// <summary>Cells of the plan not measured yet (never tried, or failed), in run order.</summary>
    public IReadOnlyList<PlanCell> PendingCells() => RunRecord.Pending(Info.Plan, _results);

    /// <summary>
    /// Stores one cell: its .hlog first, then the CSV files, each atomically. A cell stored as failed is
    /// replaced by its new attempt; a measured one is never replaced. If the write fails the session is as
    /// before the call, on disk and in memory.
    /// </summary>
    public void Append(CellResult result)
    {
        EnsureOpen();
        var stored = _results.FindIndex(r => r.Cell.Id == result.Cell.Id);
        if (stored >= 0 && !_results[stored].Failed)
            throw new InvalidOperationException($"cell {result.Cell.Id} is already stored in run {Id}");
        var previous = stored >= 0 ? _results[stored] : null;
        var lengths = (_results_csv.Length, _timeline_csv.Length, _resources_csv.Length);
        if (previous is not null)
        {
            _results.RemoveAt(stored);
            RebuildRows();
        }
        _results.Add(result);
        AppendRows(result);
        try
        {
            var hlog = RunFiles.HistogramLog(Directory, result.Cell.Id);
            if (result.Corrected is { } corrected && result.Uncorrected is { } uncorrected)
            {
                System.IO.Directory.CreateDirectory(Path.Combine(Directory, RunFiles.HistogramFolder));
                HistogramLogFile.Write(hlog, result.StartedAt, TimeSpan.FromSeconds(result.Summary.DurationSeconds), corrected, uncorrected);
            }
            else if (previous is not null)
            {
                // The failed attempt's histograms must not be read back as this attempt's.
                File.Delete(hlog);
            }
            WriteTables();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _results.RemoveAt(_results.Count - 1);
            if (previous is not null)
            {
                _results.Insert(stored, previous);
                RebuildRows();
            }
            else
            {
                _results_csv.Length = lengths.Item1;
                _timeline_csv.Length = lengths.Item2;
                _resources_csv.Length = lengths.Item3;
            }
            throw StoreFailed($"cell {result.Cell.Id}", e);
        }
    }

    /// <summary>Sets the run's status (and the end time when not running) in run.json.</summary>
    public void SetStatus(RunStatus status)
    {
        EnsureOpen();
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

    /// <summary>Records where the run's parts run (hosts, their environments and clock offsets) in run.json.</summary>
    public void SetTopology(RunTopology? topology)
    {
        Info = Info with { Topology = topology };
        WriteInfo();
    }

    /// <summary>The run as it stands, for a report.</summary>
    public RunRecord ToRecord() => new() { Directory = Directory, Info = Info, Results = [.. _results] };

    /// <summary>Lets go of the run folder's lock; the session cannot write after this.</summary>
    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }

    internal void WriteInfo()
    {
        try
        {
            AtomicFile.WriteAllText(Path.Combine(Directory, RunFiles.RunJson), JsonSerializer.Serialize(Info, RunJson.Options) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StoreFailed(RunFiles.RunJson, e);
        }
    }

    internal void WriteTables()
    {
        // results.csv last: it is what says a cell is stored.
        AtomicFile.WriteAllText(Path.Combine(Directory, RunFiles.Timeline), _timeline_csv.ToString());
        AtomicFile.WriteAllText(Path.Combine(Directory, RunFiles.Resources), _resources_csv.ToString());
        AtomicFile.WriteAllText(Path.Combine(Directory, RunFiles.Results), _results_csv.ToString());
    }

    internal void MarkResumed()
    {
        Info = Info with { Status = RunStatus.Running, Sessions = Info.Sessions + 1, Environment = Info.Environment with { EndedAt = null } };
        WriteInfo();
    }

    private void EnsureOpen()
    {
        if (_lock is null) throw new InvalidOperationException($"run {Id} is closed: this session let go of its lock");
    }

    private PerfNotebooksException StoreFailed(string what, Exception e)
    {
        var kept = _results.Count(r => !r.Failed);
        return new PerfNotebooksException(string.Create(CultureInfo.InvariantCulture,
            $"cannot store {what} in run {Id} ({Directory}): {e.Message.ReplaceLineEndings(" ").Trim().TrimEnd('.')}. The {kept} cell(s) stored before it are intact; fix that, then resume the run."), e);
    }

    private void RebuildRows()
    {
        _results_csv.Clear().Append(ResultsCsv.Header(ResultsCsv.ResultColumns));
        _timeline_csv.Clear().Append(ResultsCsv.Header(ResultsCsv.TimelineColumns));
        _resources_csv.Clear().Append(ResultsCsv.Header(ResultsCsv.ResourceColumns));
        foreach (var r in _results) AppendRows(r);
    }

    private void AppendRows(CellResult r)
    {
        _results_csv.Append(ResultsCsv.ResultRows(r));
        _timeline_csv.Append(ResultsCsv.TimelineRows(r));
        _resources_csv.Append(ResultsCsv.ResourceRows(r));
    }
}
