using System.Globalization;
using PerfNotebooks.Backends;

namespace PerfNotebooks.Cli;

/// <summary>The database <c>perfnb serve --db</c> starts before its server, and the line that says what it is.</summary>
internal static class ServeDatabase
{
    public static async Task<RunningDatabase?> StartAsync(string? kind, CancellationToken cancellationToken)
    {
        if (kind is null) return null;
        var database = await DatabaseLauncher.StartAsync(Workloads.Parse(kind, "--db"), cancellationToken: cancellationToken);
        var info = database.Info;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"database {info.Version} at {info.Location} ({info.WorldRows:N0} rows, ready in {info.ReadySeconds:0.0} s; stopped and deleted with the server)"));
        return database;
    }
}
