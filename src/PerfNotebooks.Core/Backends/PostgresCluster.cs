using System.Diagnostics;
using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using PerfNotebooks.Native;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Backends;

/// <summary>
/// A throwaway PostgreSQL cluster (Debian's postgresql package): a temporary folder (755, so the postgres user can
/// reach it), <c>initdb</c> (as the postgres system user when we are root: initdb refuses root), then the postmaster
/// on a Unix socket in that folder only (<c>listen_addresses=''</c>), fsync off, seeded; stopped with its fast
/// shutdown (SIGINT) and deleted at the end. PERFNB_POSTGRES_SETTINGS adds server settings (<c>name=value;...</c>). The postmaster runs as a child in a process group of its own, like a
/// server (not daemonized by pg_ctl), so the same stop, the owner's exit handlers and the owner watchdog stop it.
/// </summary>
internal static class PostgresCluster
{
    /// <summary>More server settings, <c>name=value;name=value</c> (e.g. <c>shared_buffers=256MB</c>), for tuning.</summary>
    public const string SettingsVariable = "PERFNB_POSTGRES_SETTINGS";

    private const string PostgresUser = "postgres";
    private const string Database = "perfnb";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InitdbTimeout = TimeSpan.FromSeconds(120);

    public static async Task<RunningDatabase> StartAsync(string python, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var bin = BinDirectory() ?? throw new PerfNotebooksException(
            "PostgreSQL could not start: it is not installed here (no /usr/lib/postgresql/VERSION/bin/postgres; Debian: apt-get install postgresql).");
        var asRoot = NativeMethods.geteuid() == 0;
        var folder = Directory.CreateTempSubdirectory("perfnb-pg-").FullName;
        ServerProcess? postmaster = null;
        try
        {
            // 755: the postgres user must reach its data and socket folders inside (mktemp-style folders are 700).
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                         | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            var data = Path.Combine(folder, "data");
            var socket = Path.Combine(folder, "socket");
            Directory.CreateDirectory(data);
            Directory.CreateDirectory(socket);
            if (asRoot) await RunAsync("/bin/chown", [$"{PostgresUser}:{PostgresUser}", data, socket], "chown", cancellationToken).ConfigureAwait(false);

            string[] initdb = [Path.Combine(bin, "initdb"), "-D", data, "--auth=trust", "--locale=C.UTF-8", "--encoding=UTF8", "-U", PostgresUser, "--no-sync", "--no-instructions"];
            await RunAsync(asRoot ? "/usr/sbin/runuser" : initdb[0], asRoot ? ["-u", PostgresUser, "--", .. initdb] : initdb[1..], "initdb", cancellationToken).ConfigureAwait(false);

            string[] server =
            [
                Path.Combine(bin, "postgres"), "-D", data, "-k", socket, "-c", "listen_addresses=", "-c", "fsync=off", "-c", "max_connections=200",
                .. ExtraSettings().SelectMany(setting => new[] { "-c", setting }),
            ];
            var plan = new LaunchPlan(
                new StackSpec { Name = "postgresql", App = "postgresql", Server = "postgres", Command = server },
                null, null,
                asRoot ? ["/usr/bin/setpriv", $"--reuid={PostgresUser}", $"--regid={PostgresUser}", "--init-groups", "--", .. server] : server,
                folder,
                new Dictionary<string, string> { ["PERFNB_SERVER"] = "1", ["LC_ALL"] = "C.UTF-8" })
            {
                GracefulSignal = Posix.SIGINT,
            };
            postmaster = ServerProcess.Start(plan);
            await WaitReadyAsync(postmaster, data, cancellationToken).ConfigureAwait(false);

            var environment = new Dictionary<string, string>
            {
                ["PERFNB_DB"] = "postgres",
                ["PERFNB_DB_HOST"] = socket,
                ["PERFNB_DB_NAME"] = Database,
                ["PERFNB_DB_USER"] = PostgresUser,
                ["PERFNB_DB_URL"] = $"postgresql://{PostgresUser}@/{Database}?host={socket}",
            };
            var version = await DatabaseSeeder.SeedAsync(python, environment, "PostgreSQL could not start", cancellationToken).ConfigureAwait(false);
            var info = new DatabaseInfo { Kind = DatabaseKind.Postgres, Version = version, Location = socket, ReadySeconds = clock.Elapsed.TotalSeconds };
            var running = postmaster;
            return new RunningDatabase(info, folder, environment, () => StopAsync(running, folder), running.ProcessIds);
        }
        catch
        {
            await StopAsync(postmaster, folder).ConfigureAwait(false);
            throw;
        }
    }

    private static string[] ExtraSettings()
        => (Environment.GetEnvironmentVariable(SettingsVariable) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The newest installed version's bin folder, e.g. /usr/lib/postgresql/15/bin.</summary>
    private static string? BinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.EnumerateDirectories(root)
            .Select(d => (Dir: d, Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(d => d.Version >= 0 && File.Exists(Path.Combine(d.Dir, "bin", "postgres")) && File.Exists(Path.Combine(d.Dir, "bin", "initdb")))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Dir, "bin"))
            .FirstOrDefault();
    }

    /// <summary>Waits until the postmaster writes "ready" in postmaster.pid (what pg_ctl -w waits for), or fails with its last words.</summary>
    private static async Task WaitReadyAsync(ServerProcess postmaster, string data, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var pidFile = Path.Combine(data, "postmaster.pid");
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (postmaster.HasExited)
                throw new PerfNotebooksException($"PostgreSQL could not start: the postmaster exited before it was ready: {LastWords(postmaster)}");
            if (clock.Elapsed > ReadyTimeout)
                throw new PerfNotebooksException($"PostgreSQL could not start: not ready after {ReadyTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s: {LastWords(postmaster)}");
            try
            {
                var lines = await File.ReadAllLinesAsync(pidFile, cancellationToken).ConfigureAwait(false);
                if (lines.Length >= 8 && lines[7].Trim() == "ready") return;
            }
            catch (IOException)
            {
                // Not written yet.
            }
            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string LastWords(ServerProcess process)
    {
        var lines = process.Tail.Last(12).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        // PostgreSQL's own reason is its FATAL (or ERROR) line, without the time stamp; otherwise its last line.
        var reason = lines.LastOrDefault(l => l.Contains("FATAL:", StringComparison.Ordinal) || l.Contains("ERROR:", StringComparison.Ordinal));
        if (reason is null) return lines.LastOrDefault() ?? "(no output)";
        var at = reason.IndexOf("FATAL:", StringComparison.Ordinal) is var f and >= 0 ? f : reason.IndexOf("ERROR:", StringComparison.Ordinal);
        return string.Join(' ', reason[at..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, string step, CancellationToken cancellationToken)
    {
        BufferedCommandResult result;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InitdbTimeout);
        try
        {
            result = await Cli.Wrap(program).WithArguments(arguments)
                .WithEnvironmentVariables(e => e.Set("LC_ALL", "C.UTF-8").Set("PERFNB_SERVER", "1"))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PerfNotebooksException($"PostgreSQL could not start: {step} did not finish within {InitdbTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PerfNotebooksException($"PostgreSQL could not start: {step} cannot run ({e.Message}).");
        }
        if (result.ExitCode != 0)
        {
            var words = DatabaseSeeder.LastLine(result.StandardError.Trim().Length > 0 ? result.StandardError : result.StandardOutput);
            throw new PerfNotebooksException($"PostgreSQL could not start: {step} failed (exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}): {words}");
        }
    }

    private static async Task StopAsync(ServerProcess? postmaster, string folder)
    {
        try
        {
            if (postmaster is not null) await postmaster.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        finally
        {
            await RunningDatabase.DeleteFolderAsync(folder).ConfigureAwait(false);
        }
    }
}
