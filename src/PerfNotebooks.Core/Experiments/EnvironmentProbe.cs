using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Reads the environment once per run. The Python probe starts an interpreter (about 0.5 s) and is only
/// run when a run starts, not when a plan is built; a probe that fails leaves its field empty rather
/// than failing the run, since the measurement matters more than its label.
/// </summary>
public static class EnvironmentProbe
{
    /// <summary>The distributions whose versions are recorded.</summary>
    public static IReadOnlyList<string> PythonPackages { get; } =
        ["django", "flask", "werkzeug", "tornado", "gunicorn", "uvicorn", "starlette", "fastapi", "aiohttp", "hypercorn", "waitress", "gevent", "uvloop", "httptools",
         "websockets", "wsproto", "gevent-websocket", "daphne", "cheroot", "twisted", "quart", "falcon", "bottle", "jinja2", "sqlalchemy", "psycopg2", "asyncpg", "aiosqlite"];

    /// <summary>Captures this machine's environment (the slow probes run once, in parallel), with the package versions of <paramref name="python"/>.</summary>
    public static async Task<EnvironmentInfo> CaptureAsync(string python = "/usr/bin/python3", CancellationToken cancellationToken = default)
    {
        var (pythonVersion, packages) = await ProbePythonAsync(python, cancellationToken).ConfigureAwait(false);
        var uwsgi = await RunAsync("uwsgi", ["--version"], cancellationToken).ConfigureAwait(false);
        packages["uwsgi"] = string.IsNullOrWhiteSpace(uwsgi) ? "missing" : uwsgi.Trim();
        var commit = (await RunAsync("git", ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false)).Trim();
        if (commit.Length > 0)
        {
            var status = await RunAsync("git", ["status", "--porcelain", "--untracked-files=no"], cancellationToken).ConfigureAwait(false);
            if (status.Trim().Length > 0) commit += "-dirty";
        }
        return new EnvironmentInfo
        {
            CpuModel = ReadCpuModel(),
            Cores = System.Environment.ProcessorCount,
            MemoryBytes = ReadMemTotal(),
            Kernel = ReadFirstLine("/proc/sys/kernel/osrelease"),
            Os = RuntimeInformation.OSDescription,
            DotnetVersion = RuntimeInformation.FrameworkDescription,
            PythonExecutable = python,
            PythonVersion = pythonVersion,
            Packages = new SortedDictionary<string, string>(packages, StringComparer.Ordinal),
            ToolkitVersion = ToolkitVersion(),
            GitCommit = commit,
            Hostname = System.Environment.MachineName,
            Limits = SystemLimits.Read(),
            StartedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>The informational version of PerfNotebooks.Core.</summary>
    public static string ToolkitVersion() => Toolkit.Version;

    private static async Task<(string Version, Dictionary<string, string> Packages)> ProbePythonAsync(string python, CancellationToken ct)
    {
        // One interpreter start for all packages: importlib.metadata reads the dist-info Debian installs.
        const string script = """
            import json, sys, importlib.metadata as md
            out = {"python": sys.version.split()[0], "packages": {}}
            for name in sys.argv[1:]:
                try: out["packages"][name] = md.version(name)
                except Exception: out["packages"][name] = "missing"
            print(json.dumps(out))
            """;
        var packages = PythonPackages.ToDictionary(p => p, _ => "unknown", StringComparer.Ordinal);
        var output = await RunAsync(python, ["-c", script, .. PythonPackages], ct).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(output);
            foreach (var p in doc.RootElement.GetProperty("packages").EnumerateObject()) packages[p.Name] = p.Value.GetString() ?? "";
            return (doc.RootElement.GetProperty("python").GetString() ?? "", packages);
        }
        catch (JsonException)
        {
            return ("", packages);
        }
    }

    /// <summary>Runs a short command and returns its stdout, or "" when it cannot run or takes over 10 s.</summary>
    private static async Task<string> RunAsync(string file, IReadOnlyList<string> args, CancellationToken ct)
    {
        try
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var process = Process.Start(psi);
            if (process is null) return "";
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            _ = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                return "";
            }
            return process.ExitCode == 0 ? await stdout.ConfigureAwait(false) : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }

    private static string ReadCpuModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("model name", StringComparison.Ordinal)) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { }
        return "";
    }

    private static long ReadMemTotal()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException) { }
        return 0;
    }

    private static string ReadFirstLine(string path)
    {
        try { return File.ReadLines(path).FirstOrDefault()?.Trim() ?? ""; }
        catch (IOException) { return ""; }
    }
}
