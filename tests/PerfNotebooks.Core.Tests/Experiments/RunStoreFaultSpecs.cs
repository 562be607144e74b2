using System.Text.Json;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Core.Tests.Experiments;

/// <summary>
/// The run store when things go wrong: a second writer, folders that are not whole runs, corrupt histogram
/// logs, leftovers of a killed writer, a full disk. Synthetic cells (real HdrHistogram recordings), real files.
/// </summary>
public sealed class RunStoreFaultSpecs : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void A_second_writer_of_a_run_is_refused_naming_the_pid_that_holds_it_until_the_first_lets_go()
    {
        var plan = SyntheticRun.Plan();
        using (var first = RunStore.Create(_root.Path, plan, SyntheticRun.Environment()))
        {
            first.Append(SyntheticRun.Cell(plan.Cells()[0]));
            var e = Assert.Throws<RunLockedException>(() => RunStore.Resume(first.Id, _root.Path));
            Assert.Equal(Environment.ProcessId, e.Pid);
            Assert.Contains($"PID {Environment.ProcessId}", e.Message);
            Assert.DoesNotContain('\n', e.Message);
            // The refused writer changed nothing.
            Assert.Equal(1, RunStore.Load(first.Directory).Info.Sessions);
            Assert.Equal(RunStatus.Running, RunStore.Load(first.Directory).Info.Status);
        }
        using var second = RunStore.Resume(RunStore.List(_root.Path).Single().Id, _root.Path);
        Assert.Equal(2, second.Info.Sessions);
        Assert.Equal(plan.Cells().Count - 1, second.PendingCells().Count);
    }

    [Fact]
    public void A_run_left_running_by_a_writer_that_is_gone_is_listed_and_loaded_as_interrupted()
    {
        var session = SyntheticRun.Store(_root.Path, cells: 2, complete: false);
        Assert.Equal(RunStatus.Running, session.Info.Status); // as run.json says: its writer let go without a word
        Assert.Equal(RunStatus.Interrupted, RunStore.List(_root.Path).Single().Status);
        Assert.Equal(RunStatus.Interrupted, RunStore.Load(session.Directory).Info.Status);
    }

    [Fact]
    public void Opening_a_run_to_write_removes_the_temporary_files_a_killed_writer_left()
    {
        var session = SyntheticRun.Store(_root.Path, cells: 3);
        var leftovers = new[]
        {
            Path.Combine(session.Directory, ".results.csv.tmp-0badc0de"),
            Path.Combine(session.Directory, RunFiles.HistogramFolder, ".x_rep1.hlog.tmp-deadbeef"),
        };
        foreach (var f in leftovers) File.WriteAllText(f, "half a file");
        using var resumed = RunStore.Resume(session.Id, _root.Path);
        Assert.Empty(Directory.EnumerateFiles(session.Directory, "*.tmp-*", SearchOption.AllDirectories));
        Assert.Equal(3, resumed.Results.Count);
    }

    [Fact]
    public void Listing_skips_each_folder_that_is_not_a_whole_run_with_one_line_saying_why_and_lists_the_rest()
    {
        var good = SyntheticRun.Store(_root.Path);
        var planNull = Copy(good, "plan-null", json => json.Replace("\"plan\": {", "\"plan\": null, \"x\": {", StringComparison.Ordinal));
        Copy(good, "not-json", _ => "{ \"id\": ");
        Copy(good, "environment-null", json => json.Replace("\"environment\": {", "\"environment\": null, \"x\": {", StringComparison.Ordinal));
        var badCsv = Copy(good, "bad-results", json => json);
        File.WriteAllText(Path.Combine(badCsv, RunFiles.Results), "cell_id\n\"unterminated");
        Directory.CreateDirectory(Path.Combine(_root.Path, "no-run-json"));
        Directory.CreateDirectory(Path.Combine(_root.Path, ".hidden"));

        var scan = RunStore.Scan(_root.Path);

        Assert.Equal([good.Id], scan.Runs.Select(r => r.Id));
        Assert.Equal(5, scan.Unreadable.Count);
        foreach (var name in new[] { "plan-null", "not-json", "environment-null", "bad-results", "no-run-json" })
            Assert.Single(scan.Unreadable, line => line.StartsWith(name + ": ", StringComparison.Ordinal));
        Assert.All(scan.Unreadable, line => Assert.DoesNotContain('\n', line));
        Assert.Contains("plan", scan.Unreadable.Single(l => l.StartsWith("plan-null", StringComparison.Ordinal)));
        // Loading the bad one is a one-line error, not a NullReferenceException.
        var e = Assert.Throws<PerfNotebooksException>(() => RunStore.Load(planNull));
        Assert.Contains("is corrupt", e.Message);
        Assert.Contains("plan", e.Message);
    }

    public static TheoryData<string, Func<string, string>> CorruptHistogramLogs => new()
    {
        { "garbage instead of base64", text => text.Replace("HISTF", "!!!!!", StringComparison.Ordinal) },
        { "base64 of bytes that do not inflate", text => ReplacePayloads(text, Convert.ToBase64String(Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray())) },
        { "a compressed body that does not inflate", DamageCompressedBodies },
        { "cut in the middle", text => text[..(text.Length * 2 / 3)] },
        { "empty", _ => "" },
        { "binary noise", _ => new string(Enumerable.Range(0, 500).Select(i => (char)(i * 37 % 256)).ToArray()) },
    };

    [Theory]
    [MemberData(nameof(CorruptHistogramLogs))]
    public void A_corrupt_histogram_log_leaves_that_cell_without_its_histogram_and_says_so(string how, Func<string, string> corrupt)
    {
        var session = SyntheticRun.Store(_root.Path);
        var cell = session.Results[2].Cell.Id;
        var hlog = RunFiles.HistogramLog(session.Directory, cell);
        File.WriteAllText(hlog, corrupt(File.ReadAllText(hlog)));

        var run = RunStore.Load(session.Directory);

        Assert.Equal(session.Results.Count, run.Results.Count);
        var damaged = run.Results.Single(r => r.Cell.Id == cell);
        Assert.Null(damaged.Corrected);
        Assert.Equal(session.Results[2].Summary.Latency.P99, damaged.Summary.Latency.P99);
        Assert.All(run.Results.Where(r => r.Cell.Id != cell), r => Assert.NotNull(r.Corrected));
        var problem = Assert.Single(run.Problems);
        Assert.Contains($"{RunFiles.HistogramFolder}/{cell}.hlog", problem);
        Assert.DoesNotContain('\n', problem);
        Assert.True(how.Length > 0);
        var html = HtmlReport.Render(run);
        Assert.Contains($"{cell}.hlog", html);
    }

    [Fact]
    public void A_full_disk_is_one_line_and_every_cell_stored_before_it_stays_whole()
    {
        using var disk = new SmallFilesystem(48);
        var plan = SyntheticRun.Plan(stacks: 4, reps: 3);
        var stored = new List<CellResult>();
        PerfNotebooksException? full = null;
        string directory;
        using (var session = RunStore.Create(disk.Path, plan, SyntheticRun.Environment()))
        {
            directory = session.Directory;
            foreach (var cell in plan.Cells())
            {
                var result = SyntheticRun.Cell(cell);
                try
                {
                    session.Append(result);
                }
                catch (PerfNotebooksException e)
                {
                    full = e;
                    break;
                }
                stored.Add(result);
            }
            Assert.NotNull(full);
            Assert.Contains("No space left on device", full.Message);
            Assert.DoesNotContain('\n', full.Message);
            // The handler's own write (the status) meets the same full disk: it says so, it does not throw something else.
            var status = Record.Exception(() => session.SetStatus(RunStatus.Interrupted));
            Assert.True(status is null or PerfNotebooksException, status?.ToString());
            Assert.Equal(stored.Count, session.Results.Count);
        }
        Assert.InRange(stored.Count, 1, plan.Cells().Count - 1);
        var run = RunStore.Load(directory);
        Assert.Equal(stored.Select(r => r.Cell.Id), run.Results.Select(r => r.Cell.Id));
        for (var i = 0; i < stored.Count; i++)
        {
            Assert.Equal(Json(stored[i] with { Corrected = null, Uncorrected = null }), Json(run.Results[i] with { Corrected = null, Uncorrected = null }));
            Assert.Equal(stored[i].Corrected!.TotalCount, run.Results[i].Corrected!.TotalCount);
        }
        Assert.Empty(Directory.EnumerateFiles(directory, "*.tmp-*", SearchOption.AllDirectories));
    }

    private string Copy(RunSession run, string name, Func<string, string> editRunJson)
    {
        var target = Path.Combine(_root.Path, name);
        Directory.CreateDirectory(Path.Combine(target, RunFiles.HistogramFolder));
        foreach (var file in Directory.EnumerateFiles(run.Directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(run.Directory, file);
            if (relative.StartsWith('.')) continue;
            File.Copy(file, Path.Combine(target, relative));
        }
        var json = Path.Combine(target, RunFiles.RunJson);
        File.WriteAllText(json, editRunJson(File.ReadAllText(json)));
        return target;
    }

    private static string ReplacePayloads(string hlog, string payload)
        => string.Join('\n', hlog.Split('\n').Select(line => line.StartsWith("Tag=", StringComparison.Ordinal) ? line[..(line.LastIndexOf(',') + 1)] + payload : line));

    /// <summary>Keeps each histogram's header (its cookie says "compressed histogram") and damages the deflate stream after it.</summary>
    private static string DamageCompressedBodies(string hlog) => string.Join('\n', hlog.Split('\n').Select(line =>
    {
        if (!line.StartsWith("Tag=", StringComparison.Ordinal)) return line;
        var comma = line.LastIndexOf(',');
        var bytes = Convert.FromBase64String(line[(comma + 1)..]);
        for (var i = 10; i < bytes.Length; i++) bytes[i] = (byte)(bytes[i] ^ 0x5a);
        return line[..(comma + 1)] + Convert.ToBase64String(bytes);
    }));

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, RunJson.Options);
}
