#:project ../../src/PerfNotebooks.Core/PerfNotebooks.Core.csproj
// Start-to-ready and stop of the realistic workloads' databases, a few times each:
//   dotnet run scripts/bench/database-startup.cs -- [--repeat N]
// ready: from DatabaseLauncher.StartAsync until the seeded database answered (SQLite: the file created and
// seeded; PostgreSQL: folder, initdb, postmaster ready, database created and seeded). stop: until the
// cluster's processes are gone and the folder is deleted. A benchmark of its own, not an option of perfnb.
using System.Diagnostics;
using System.Globalization;
using PerfNotebooks.Backends;

var repeat = args.Length == 2 && args[0] == "--repeat" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"DATABASE",-10} {"READY med",10} {"min",7} {"max",7}  {"STOP med",9} {"min",7} {"max",7}  (ms, {repeat} runs; ready includes seeding {Workloads.WorldRows:N0} rows)"));
foreach (var kind in new[] { DatabaseKind.Sqlite, DatabaseKind.Postgres })
{
    var ready = new List<double>();
    var stop = new List<double>();
    string version = "";
    for (var i = 0; i < repeat; i++)
    {
        var clock = Stopwatch.StartNew();
        var database = await DatabaseLauncher.StartAsync(kind);
        ready.Add(clock.Elapsed.TotalMilliseconds);
        version = database.Info.Version;
        clock.Restart();
        await database.DisposeAsync();
        stop.Add(clock.Elapsed.TotalMilliseconds);
    }
    static double Median(List<double> xs) { var s = xs.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{kind.ToString().ToLowerInvariant(),-10} {Median(ready),10:0} {ready.Min(),7:0} {ready.Max(),7:0}  {Median(stop),9:0} {stop.Min(),7:0} {stop.Max(),7:0}  {version}"));
}
