using System.Collections.Concurrent;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace PerfNotebooks.Servers;

/// <summary>
/// Asks an interpreter, once, whether modules import and which versions they have: one short Python run per
/// interpreter and batch of modules not asked before, cached for the life of the process (imports cost
/// a second or two; a notebook starts many stacks).
/// </summary>
internal static class PythonProbe
{
    /// <summary>What importing one module said.</summary>
    public sealed record ModuleStatus(bool Imports, string? Version, string? Error);

    // Imports each module (an import can fail where the distribution is installed) and reads its version.
    private const string Script = """
        import importlib, json, platform, sys
        from importlib import metadata
        DIST = {"django": "Django", "flask": "Flask", "werkzeug": "Werkzeug", "fastapi": "fastapi"}
        out = {"python": {"ok": True, "version": platform.python_version()}}
        for name in sys.argv[1:]:
            try:
                module = importlib.import_module(name)
            except BaseException as e:
                out[name] = {"ok": False, "error": (type(e).__name__ + ": " + str(e)).splitlines()[0]}
                continue
            try:
                version = metadata.version(DIST.get(name, name))
            except Exception:
                version = str(getattr(module, "__version__", getattr(module, "version", "unknown")))
            out[name] = {"ok": True, "version": version}
        print(json.dumps(out))
        """;

    private static readonly ConcurrentDictionary<(string Python, string Module), ModuleStatus> Cache = new();
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The interpreter's own version, or a failure saying why it cannot run.</summary>
    public static async Task<ModuleStatus> PythonAsync(string python, CancellationToken cancellationToken)
        => (await ModulesAsync(python, [], cancellationToken).ConfigureAwait(false))["python"];

    /// <summary>Status of each module (plus "python"), asking the interpreter only about the ones not cached.</summary>
    public static async Task<IReadOnlyDictionary<string, ModuleStatus>> ModulesAsync(
        string python, IReadOnlyCollection<string> modules, CancellationToken cancellationToken)
    {
        var wanted = modules.Append("python").Distinct().ToList();
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var missing = wanted.Where(m => !Cache.ContainsKey((python, m))).ToList();
            if (missing.Count > 0) await RunAsync(python, missing, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
        }
        return wanted.ToDictionary(m => m, m => Cache[(python, m)]);
    }

    private static async Task RunAsync(string python, List<string> modules, CancellationToken cancellationToken)
    {
        void FailAll(string error)
        {
            foreach (var m in modules) Cache[(python, m)] = new ModuleStatus(false, null, error);
        }

        if (!File.Exists(python))
        {
            FailAll($"Python interpreter {python} not found");
            return;
        }
        BufferedCommandResult result;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            result = await Cli.Wrap(python)
                .WithArguments(["-c", Script, .. modules.Where(m => m != "python")])
                .WithWorkingDirectory(PythonApps.Directory)
                .WithEnvironmentVariables(e => e.Set("PYTHONPATH", PythonApps.Directory).Set("PERFNB_SERVER", "1"))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(timeout.Token);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            FailAll($"Python interpreter {python} cannot run: {e.Message}");
            return;
        }
        if (result.ExitCode != 0)
        {
            var last = result.StandardError.Trim().Split('\n').LastOrDefault() ?? "";
            FailAll($"{python} exited with code {result.ExitCode}: {last}");
            return;
        }
        try
        {
            using var json = JsonDocument.Parse(result.StandardOutput.Trim().Split('\n').Last());
            foreach (var m in modules)
            {
                if (!json.RootElement.TryGetProperty(m, out var entry))
                {
                    Cache[(python, m)] = new ModuleStatus(false, null, "not reported by the probe");
                    continue;
                }
                var ok = entry.GetProperty("ok").GetBoolean();
                Cache[(python, m)] = new ModuleStatus(
                    ok,
                    ok ? entry.GetProperty("version").GetString() : null,
                    ok ? null : entry.GetProperty("error").GetString());
            }
        }
        catch (JsonException)
        {
            FailAll($"{python} is not a Python 3 interpreter PerfNotebooks can use (its answer was not JSON)");
        }
    }
}
