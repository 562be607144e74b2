using System.Text.Json;
using HdrHistogram;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Core.Tests.Experiments;

/// <summary>The run store (a store test with synthetic cells built from real HdrHistogram recordings, not a measurement).</summary>
public sealed class RunStoreSpecs : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void A_stored_run_loads_back_equal_to_what_was_written()
    {
        var session = SyntheticRun.Store(_root.Path);
        var loaded = RunStore.Load(session.Id, _root.Path);

        Assert.Equal(Json(session.Info), Json(loaded.Info));
        Assert.Equal(session.Results.Count, loaded.Results.Count);
        Assert.Equal(16, loaded.Results.Count);
        for (var i = 0; i < session.Results.Count; i++)
        {
            var written = session.Results[i];
            var read = loaded.Results[i];
            Assert.Equal(Json(written with { Corrected = null, Uncorrected = null }), Json(read with { Corrected = null, Uncorrected = null }));
            AssertSameHistogram(written.Corrected!, read.Corrected!);
            AssertSameHistogram(written.Uncorrected!, read.Uncorrected!);
        }
        Assert.Equal(RunStatus.Complete, loaded.Info.Status);
        Assert.Empty(loaded.PendingCells());
    }

    [Fact]
    public void Every_file_of_a_run_exists_and_no_temporary_file_is_left()
    {
        var session = SyntheticRun.Store(_root.Path);
        foreach (var f in new[] { RunFiles.RunJson, RunFiles.Results, RunFiles.Timeline, RunFiles.Resources })
            Assert.True(File.Exists(Path.Combine(session.Directory, f)), f);
        foreach (var r in session.Results)
            Assert.True(File.Exists(RunFiles.HistogramLog(session.Directory, r.Cell.Id)), r.Cell.Id);
        Assert.Empty(Directory.EnumerateFiles(session.Directory, "*.tmp-*", SearchOption.AllDirectories));
        var header = File.ReadLines(Path.Combine(session.Directory, RunFiles.Results)).First();
        foreach (var column in new[] { "stack", "app", "server", "workers", "endpoint", "connections", "rps", "p50_us", "p99_us", "p999_us", "errors_connect", "errors_read", "errors_status", "server_cpu_pct", "rss_max_bytes", "pss_max_bytes", "client_cpu_s", "flags" })
            Assert.Contains(column, header.Split(','));
    }

    [Fact]
    public void A_results_csv_written_before_the_reset_and_rate_missed_columns_still_reads()
    {
        var session = SyntheticRun.Store(_root.Path);
        var path = Path.Combine(session.Directory, RunFiles.Results);
        var rows = Csv.Parse(File.ReadAllText(path));
        var drop = ResultsCsv.LaterResultColumns.Select(c => Array.IndexOf(rows[0], c)).ToHashSet();
        Assert.DoesNotContain(-1, drop);
        File.WriteAllText(path, string.Concat(rows.Select(r => Csv.Line(r.Where((_, i) => !drop.Contains(i)).Select(f => Csv.Field(f)).ToArray()))));

        var loaded = RunStore.Load(session.Id, _root.Path);

        Assert.Equal(session.Results.Count, loaded.Results.Count);
        Assert.All(loaded.Results, r => Assert.Equal(0, r.Errors.Reset));
        Assert.Equal(session.Results.Select(r => r.Summary.Errors), loaded.Results.Select(r => r.Summary.Errors));
    }

    [Fact]
    public void The_hlog_files_are_readable_by_HdrHistogram_itself()
    {
        var session = SyntheticRun.Store(_root.Path);
        var cell = session.Results[0];
        using var stream = File.OpenRead(RunFiles.HistogramLog(session.Directory, cell.Cell.Id));
        using var reader = new HistogramLogReader(stream);
        var histograms = reader.ReadHistograms().ToList();
        Assert.Equal(2, histograms.Count);
        Assert.Equal(1000, histograms[0].TotalCount);
        Assert.Equal(cell.Corrected!.GetValueAtPercentile(99), histograms[0].GetValueAtPercentile(99));
    }

    [Fact]
    public void A_partial_run_knows_its_pending_cells_and_a_resume_continues_it()
    {
        var plan = SyntheticRun.Plan();
        var session = SyntheticRun.Store(_root.Path, plan, cells: 3);
        Assert.Equal(RunStatus.Interrupted, session.Info.Status);

        using var resumed = RunStore.Resume(session.Id, _root.Path);
        Assert.Equal(3, resumed.Results.Count);
        Assert.Equal(plan.Cells().Skip(3).Select(c => c.Id), resumed.PendingCells().Select(c => c.Id));
        Assert.Equal(2, resumed.Info.Sessions);
        foreach (var c in resumed.PendingCells()) resumed.Append(SyntheticRun.Cell(c));
        resumed.SetStatus(RunStatus.Complete);

        var loaded = RunStore.Load(session.Directory);
        Assert.Equal(plan.Cells().Select(c => c.Id), loaded.Results.Select(r => r.Cell.Id));
        Assert.Equal(loaded.Results.Count, loaded.Results.Select(r => r.Cell.Id).Distinct().Count());
        Assert.Throws<InvalidOperationException>(() => resumed.Append(SyntheticRun.Cell(plan.Cells()[0])));
    }

    [Fact]
    public void Runs_are_listed_newest_first_with_their_progress()
    {
        SyntheticRun.Store(_root.Path, cells: 2);
        var later = SyntheticRun.Store(_root.Path);
        Directory.CreateDirectory(Path.Combine(_root.Path, "not-a-run"));
        var runs = RunStore.List(_root.Path);
        Assert.Equal(2, runs.Count);
        Assert.Equal(later.Id, runs[0].Id);
        Assert.Equal((16, 16, RunStatus.Complete), (runs[0].CellsDone, runs[0].CellsPlanned, runs[0].Status));
        Assert.Equal((2, 16, RunStatus.Interrupted), (runs[1].CellsDone, runs[1].CellsPlanned, runs[1].Status));
    }

    [Fact]
    public void A_run_that_does_not_exist_is_a_typed_one_line_error_that_names_no_front_end()
    {
        var e = Assert.Throws<RunNotFoundException>(() => RunStore.Load("no-such-run", _root.Path));
        Assert.Equal("no-such-run", e.Run);
        Assert.Contains("does not exist", e.Message);
        Assert.DoesNotContain("perfnb runs", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_corrupt_run_is_a_one_line_error_and_its_files_are_left_alone()
    {
        var session = SyntheticRun.Store(_root.Path);
        var results = Path.Combine(session.Directory, RunFiles.Results);
        var text = File.ReadAllText(results);
        File.WriteAllText(results, text.Replace(",1000,", ",10x0,", StringComparison.Ordinal));
        var e = Assert.Throws<PerfNotebooksException>(() => RunStore.Load(session.Directory));
        Assert.Contains("corrupt", e.Message);
        Assert.Contains("results.csv", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.True(File.Exists(results));

        File.WriteAllText(Path.Combine(session.Directory, RunFiles.RunJson), "{ not json");
        var e2 = Assert.Throws<PerfNotebooksException>(() => RunStore.Load(session.Directory));
        Assert.Contains("run.json", e2.Message);
    }

    [Fact]
    public void An_out_folder_that_cannot_be_written_is_a_typed_one_line_error_that_names_no_option()
    {
        var file = Path.Combine(_root.Path, "a-file");
        File.WriteAllText(file, "");
        var e = Assert.Throws<RunsFolderNotWritableException>(() => RunStore.Create(Path.Combine(file, "runs"), SyntheticRun.Plan(), SyntheticRun.Environment()));
        Assert.Contains("cannot write runs", e.Message);
        Assert.DoesNotContain("--", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Atomic_writes_replace_a_file_whole()
    {
        var path = Path.Combine(_root.Path, "f.txt");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second");
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Single(Directory.EnumerateFiles(_root.Path));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, _ => throw new InvalidOperationException("writer failed")));
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Single(Directory.EnumerateFiles(_root.Path));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, RunJson.Options);

    private static void AssertSameHistogram(HistogramBase expected, HistogramBase actual)
    {
        Assert.Equal(expected.TotalCount, actual.TotalCount);
        foreach (var p in new[] { 0.0, 50, 90, 99, 99.9, 100 })
            Assert.Equal(expected.GetValueAtPercentile(p), actual.GetValueAtPercentile(p));
        Assert.Equal(expected.GetMaxValue(), actual.GetMaxValue());
    }
}
