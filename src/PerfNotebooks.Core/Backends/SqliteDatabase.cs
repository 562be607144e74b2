using System.Diagnostics;

namespace PerfNotebooks.Backends;

/// <summary>A SQLite file created for the run in a temporary folder and seeded; there is nothing to start, and the
/// stop deletes the folder (the file and its WAL files).</summary>
internal static class SqliteDatabase
{
    public static async Task<RunningDatabase> StartAsync(string python, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var folder = Directory.CreateTempSubdirectory("perfnb-sqlite-").FullName;
        try
        {
            var file = Path.Combine(folder, "perfnb.sqlite");
            var environment = new Dictionary<string, string>
            {
                ["PERFNB_DB"] = "sqlite",
                ["PERFNB_DB_PATH"] = file,
                ["PERFNB_DB_URL"] = "sqlite:///" + file,
            };
            var version = await DatabaseSeeder.SeedAsync(python, environment, "the SQLite database could not be created", cancellationToken).ConfigureAwait(false);
            var info = new DatabaseInfo { Kind = DatabaseKind.Sqlite, Version = version, Location = file, ReadySeconds = clock.Elapsed.TotalSeconds };
            return new RunningDatabase(info, folder, environment, () => RunningDatabase.DeleteFolderAsync(folder), () => []);
        }
        catch
        {
            await RunningDatabase.DeleteFolderAsync(folder).ConfigureAwait(false);
            throw;
        }
    }
}
