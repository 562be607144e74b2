using CliWrap;
using CliWrap.Buffered;

namespace PerfNotebooks.Servers;

/// <summary>
/// Checks that a stack can run here: its interpreter exists and the modules it needs import (one Python run
/// per interpreter, cached), and for uWSGI the binary and its python3 plugin. Also reads the versions a
/// running stack reports.
/// </summary>
public static class StackInstallationCheck
{
    private const string UwsgiPluginDirectory = "/usr/lib/uwsgi/plugins";
    private static readonly SemaphoreSlim UwsgiGate = new(1, 1);
    private static string? _uwsgiVersion;

    /// <summary>Whether <paramref name="spec"/> can run here; a spec with bad options is reported as not runnable.</summary>
    public static async Task<StackInstallation> CheckAsync(StackSpec spec, CancellationToken cancellationToken = default)
    {
        ServerRecipe? recipe;
        PythonApp? app;
        try
        {
            (recipe, app) = LaunchPlanner.Resolve(spec);
        }
        catch (PerfNotebooksException e)
        {
            return new StackInstallation(false, e.Message);
        }
        return await CheckAsync(spec, recipe, app, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks several stacks, asking each interpreter about all their modules in one Python run.</summary>
    public static async Task<IReadOnlyList<StackInstallation>> CheckAllAsync(
        IReadOnlyList<StackSpec> specs, CancellationToken cancellationToken = default)
    {
        var modulesByPython = new Dictionary<string, HashSet<string>>();
        foreach (var spec in specs)
        {
            try
            {
                var (recipe, app) = LaunchPlanner.Resolve(spec);
                if (recipe is null || app is null) continue;
                if (!modulesByPython.TryGetValue(spec.Python, out var set)) modulesByPython[spec.Python] = set = [];
                set.UnionWith(Modules(recipe, app));
            }
            catch (PerfNotebooksException)
            {
                // Reported by the per-stack check below.
            }
        }
        foreach (var (python, modules) in modulesByPython)
            await PythonProbe.ModulesAsync(python, modules, cancellationToken).ConfigureAwait(false);
        var results = new List<StackInstallation>(specs.Count);
        foreach (var spec in specs) results.Add(await CheckAsync(spec, cancellationToken).ConfigureAwait(false));
        return results;
    }

    internal static async Task<StackInstallation> CheckAsync(
        StackSpec spec, ServerRecipe? recipe, PythonApp? app, CancellationToken cancellationToken)
    {
        if (recipe is null)
        {
            var program = spec.Command![0].Replace("{python}", spec.Python, StringComparison.Ordinal);
            if (Executables.Resolve(program) is null)
                return new StackInstallation(false, $"{program} not found{(program.Contains('/') ? "" : " on PATH")}");
            if (spec.WorkingDirectory is { } dir && !Directory.Exists(dir))
                return new StackInstallation(false, $"working directory {dir} not found");
            return new StackInstallation(true, $"user-defined: {program}");
        }

        var found = new List<string>();
        if (recipe.EmbeddedPython)
        {
            if (Executables.Resolve("uwsgi") is null)
                return new StackInstallation(false, "uwsgi not found on PATH (Debian: apt-get install uwsgi uwsgi-plugin-python3)");
            if (!File.Exists(Path.Combine(UwsgiPluginDirectory, "python3_plugin.so")))
                return new StackInstallation(false, $"uWSGI's python3 plugin not found in {UwsgiPluginDirectory} (Debian: apt-get install uwsgi-plugin-python3)");
            found.Add($"uwsgi {await UwsgiVersionAsync(cancellationToken).ConfigureAwait(false)} (embedded python3 plugin)");
        }

        var modules = Modules(recipe, app!);
        var status = await PythonProbe.ModulesAsync(spec.Python, modules, cancellationToken).ConfigureAwait(false);
        if (!status["python"].Imports) return new StackInstallation(false, status["python"].Error ?? "Python does not run");
        foreach (var m in modules)
        {
            var s = status[m];
            if (!s.Imports)
                return new StackInstallation(false, $"{m} does not import under {spec.Python}: {s.Error}");
            found.Add($"{m} {s.Version}");
        }
        return new StackInstallation(true, string.Join(", ", found));
    }

    /// <summary>Python, framework and server versions of a catalog-style stack, or what is known of a user-defined one.</summary>
    internal static async Task<ServerVersions> VersionsAsync(LaunchPlan plan, CancellationToken cancellationToken)
    {
        var spec = plan.Spec;
        if (plan.Recipe is null || plan.App is null)
        {
            var python = await PythonProbe.PythonAsync(spec.Python, cancellationToken).ConfigureAwait(false);
            return new ServerVersions(python.Version ?? "unknown", "user-defined", "user-defined");
        }
        var modules = Modules(plan.Recipe, plan.App);
        var status = await PythonProbe.ModulesAsync(spec.Python, modules, cancellationToken).ConfigureAwait(false);
        string Named(string? module) => module is null ? "none" : $"{module} {status[module].Version ?? "unknown"}";
        var pythonVersion = status["python"].Version ?? "unknown";
        var framework = plan.UserFramework
                        ?? (plan.App.FrameworkModule is null ? "none (bare WSGI)" : Named(plan.App.FrameworkModule));
        if (plan.Recipe.EmbeddedPython)
        {
            // uWSGI runs its own embedded Python (the python3 plugin), built against the system's Python 3.
            var plugin = new FileInfo(Path.Combine(UwsgiPluginDirectory, "python3_plugin.so")).ResolveLinkTarget(true)?.Name ?? "python3_plugin.so";
            return new ServerVersions(
                $"{pythonVersion} (uWSGI's embedded {plugin}; version read from {spec.Python})",
                framework,
                $"uwsgi {await UwsgiVersionAsync(cancellationToken).ConfigureAwait(false)}");
        }
        return new ServerVersions(pythonVersion, framework, Named(plan.Recipe.VersionModule));
    }

    private static List<string> Modules(ServerRecipe recipe, PythonApp app)
    {
        var modules = new List<string>();
        if (app.FrameworkModule is { } framework) modules.Add(framework);
        modules.AddRange(recipe.Modules);
        return [.. modules.Distinct()];
    }

    private static async Task<string> UwsgiVersionAsync(CancellationToken cancellationToken)
    {
        if (_uwsgiVersion is { } known) return known;
        await UwsgiGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_uwsgiVersion is null)
            {
                var result = await Cli.Wrap("uwsgi").WithArguments(["--version"])
                    .WithValidation(CommandResultValidation.None)
                    .ExecuteBufferedAsync(cancellationToken);
                _uwsgiVersion = result.ExitCode == 0 ? result.StandardOutput.Trim() : "unknown";
            }
            return _uwsgiVersion;
        }
        finally
        {
            UwsgiGate.Release();
        }
    }
}
