using System.Text.Json;

namespace PerfNotebooks.Cli.Tests.OwnApp;

/// <summary><c>--db</c> from the command line: the realistic workloads on a throwaway database, and a database that cannot start.</summary>
public sealed class DatabaseCommandSpecs : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(240);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perfnb-dbcli-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly string _marker = Guid.NewGuid().ToString("N");

    public DatabaseCommandSpecs() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        MarkedProcesses.KillAll(_marker);
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static HashSet<string> DatabaseFolders()
        => [.. Directory.GetDirectories(Path.GetTempPath(), "perfnb-pg-*"), .. Directory.GetDirectories(Path.GetTempPath(), "perfnb-sqlite-*")];

    [Fact(Timeout = 300_000)]
    public async Task Compare_runs_the_workloads_on_a_throwaway_postgres_and_records_it()
    {
        var before = DatabaseFolders();
        var (code, stdout, stderr) = await Perfnb.RunAsync(_marker, Generous,
            "compare", "--stacks", "django-gunicorn,aiohttp", "--endpoints", "/db,/fortunes", "--db", "postgres",
            "-c", "4", "--reps", "1", "--duration", "1s", "--warmup", "300ms", "--out", _root, "--no-report");
        Assert.True(code == 0, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
        Assert.Empty(DatabaseFolders().Except(before));

        var run = Directory.GetDirectories(_root).Single();
        using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "run.json")));
        var database = info.RootElement.GetProperty("database");
        Assert.Equal("postgres", database.GetProperty("kind").GetString());
        Assert.StartsWith("PostgreSQL 15", database.GetProperty("version").GetString());
        Assert.Equal(1, database.GetProperty("pools").GetProperty("django-gunicorn").GetProperty("perWorker").GetInt32());
        Assert.Equal(10, database.GetProperty("pools").GetProperty("aiohttp").GetProperty("perWorker").GetInt32());
        var header = File.ReadLines(Path.Combine(run, "results.csv")).First().Split(',');
        var errors = Array.IndexOf(header, "errors");
        Assert.All(File.ReadLines(Path.Combine(run, "results.csv")).Skip(1), row => Assert.Equal("0", row.Split(',')[errors]));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_database_that_cannot_start_is_one_line_exit_2_and_leaves_no_postgres_nor_folder()
    {
        var before = DatabaseFolders();
        await using var perfnb = Perfnb.Start(_marker, new Dictionary<string, string> { ["PERFNB_POSTGRES_SETTINGS"] = "max_connections=0" },
            "compare", "--stacks", "flask-gunicorn", "--endpoints", "/db", "--db", "postgres", "-c", "4", "--reps", "1", "--duration", "1s", "--out", _root);
        var code = await perfnb.WaitAsync(Generous);
        Assert.True(code == 2, $"exit {code}; stdout: {perfnb.Stdout}; stderr: {perfnb.Stderr}");
        var line = Assert.Single(perfnb.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("perfnb: PostgreSQL could not start: the postmaster exited before it was ready: FATAL: 0 is outside the valid range for parameter \"max_connections\" (1 .. 262143)", line);
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
        Assert.Empty(DatabaseFolders().Except(before));
    }

    [Fact(Timeout = 120_000)]
    public async Task Serve_with_a_database_answers_the_workloads_and_removes_the_database_at_ctrl_c()
    {
        var before = DatabaseFolders();
        await using var perfnb = Perfnb.Start(_marker, null, "serve", "bottle-gunicorn", "--db", "sqlite");
        await perfnb.WaitForOutputAsync("Press Ctrl-C", 1, TimeSpan.FromSeconds(60));
        Assert.Contains("database SQLite 3.", perfnb.Stdout);
        var url = perfnb.Stdout.Split('\n').First(l => l.StartsWith("serving bottle-gunicorn at ", StringComparison.Ordinal))["serving bottle-gunicorn at ".Length..].Trim();
        using (var http = new HttpClient())
        {
            using var world = JsonDocument.Parse(await http.GetStringAsync(new Uri(new Uri(url), "/db")));
            Assert.InRange(world.RootElement.GetProperty("randomNumber").GetInt32(), 1, 10_000);
        }
        perfnb.KillGroup(ProcessGroups.Signal.Interrupt);
        Assert.Equal(0, await perfnb.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(await MarkedProcesses.WaitGoneAsync(_marker, TimeSpan.FromSeconds(10)));
        Assert.Empty(DatabaseFolders().Except(before));
    }
}
