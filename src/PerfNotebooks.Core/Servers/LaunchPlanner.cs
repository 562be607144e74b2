using System.Globalization;

namespace PerfNotebooks.Servers;

/// <summary>Turns a <see cref="StackSpec"/> and a port into a <see cref="LaunchPlan"/>: the catalog recipe's
/// command line, or a user-defined command with its placeholders filled in.</summary>
internal static class LaunchPlanner
{
    /// <summary>Finds the recipe and app of a catalog-style spec (null, null for a user-defined one), validating the spec.</summary>
    public static (ServerRecipe? Recipe, PythonApp? App) Resolve(StackSpec spec)
    {
        if (spec.Command is not null)
        {
            StackValidation.Validate(spec, null);
            return (null, null);
        }
        var recipe = ServerRecipes.Find(spec.Server, spec.WorkerClass)
            ?? throw new PerfNotebooksException(
                $"stack {spec.Name}: unknown server '{spec.Server}'{(spec.WorkerClass is null ? "" : $" with worker class '{spec.WorkerClass}'")}. " +
                $"Known servers: {string.Join(", ", ServerRecipes.All.Select(r => r.WorkerClass is null ? r.Server : $"{r.Server}/{r.WorkerClass}"))}; " +
                "or give a user-defined stack a Command.");
        if (spec.UserApp is { } userApp) return ResolveUserApp(spec, userApp, recipe);
        var app = PythonApp.Find(spec.App)
            ?? throw new PerfNotebooksException(
                $"stack {spec.Name}: unknown app '{spec.App}'. Known apps: {string.Join(", ", PythonApp.All.Select(a => a.Name))}; " +
                "or give a user-defined stack a Command.");
        if (!recipe.Serves(app))
            throw new PerfNotebooksException(
                $"stack {spec.Name}: {recipe.Server} cannot serve the {app.Name} app. It serves: " +
                $"{string.Join(", ", PythonApp.All.Where(recipe.Serves).Select(a => a.Name))}.");
        StackValidation.Validate(spec, recipe);
        return (recipe, app);
    }

    /// <summary>A user's app under a catalog server recipe: the recipe must speak the app's interface.</summary>
    private static (ServerRecipe? Recipe, PythonApp? App) ResolveUserApp(StackSpec spec, UserApp userApp, ServerRecipe recipe)
    {
        if (recipe.Interface == AppInterface.Own)
            throw new PerfNotebooksException(
                $"stack {spec.Name}: {recipe.Name} serves only its own app; for {userApp.Target} use one of {string.Join(", ", UserApps.ServerNames)}.");
        if (userApp.Interface is { } kind && recipe.Interface != kind)
            throw new PerfNotebooksException(UserApps.DoesNotFit(recipe, userApp.Target, kind));
        var app = ForUserApp(spec, userApp);
        StackValidation.Validate(spec, recipe);
        return (recipe, app);
    }

    /// <summary>The user's app as the recipes see it (a WSGI and/or ASGI target; both while its interface is not known yet).</summary>
    private static PythonApp ForUserApp(StackSpec spec, UserApp app) => new(
        spec.App,
        FrameworkModule: null,
        WsgiTarget: app.Interface is null or AppInterface.Wsgi ? app.Target : null,
        AsgiTarget: app.Interface is null or AppInterface.Asgi ? app.Target : null,
        Script: null);

    /// <summary>A PYTHONPATH value: <paramref name="first"/>, then whatever PYTHONPATH this process has.</summary>
    public static string PythonPath(IEnumerable<string> first)
    {
        var inherited = Environment.GetEnvironmentVariable("PYTHONPATH");
        return string.Join(':', first.Append(inherited ?? "").Where(p => p.Length > 0));
    }

    public static LaunchPlan Plan(StackSpec spec, int port)
    {
        var (recipe, app) = Resolve(spec);
        var environment = new Dictionary<string, string>();
        IReadOnlyList<string> commandLine;
        string workingDirectory;
        IReadOnlyList<string> importPath = [];
        if (recipe is null)
        {
            workingDirectory = spec.WorkingDirectory ?? PythonApps.Directory;
            commandLine = [.. spec.Command!.Select(a => Substitute(a, spec, port)), .. spec.ExtraArgs];
        }
        else if (spec.UserApp is { } userApp)
        {
            // The user's app is imported from its own folder, then their extra paths; nothing of ours is on the path.
            workingDirectory = userApp.FullAppDirectory;
            importPath = [.. userApp.PythonPath.Select(Path.GetFullPath)];
            var context = new LaunchContext(spec.Python, spec.Host, port, spec.Workers, spec.Threads, app!, workingDirectory, importPath, PythonApps.Directory);
            commandLine = [.. recipe.CommandLine(context), .. spec.ExtraArgs];
        }
        else
        {
            workingDirectory = spec.WorkingDirectory ?? PythonApps.Directory;
            var context = new LaunchContext(spec.Python, spec.Host, port, spec.Workers, spec.Threads, app!, PythonApps.Directory, [], PythonApps.Directory);
            commandLine = [.. recipe.CommandLine(context), .. spec.Limits is { } limits ? recipe.LimitArguments(limits) : [], .. spec.ExtraArgs];
            foreach (var (k, v) in app!.Environment) environment[k] = v;
            foreach (var (k, v) in recipe.Environment) environment[k] = v;
        }
        // The apps import perfnb_common from the python folder; a user's app from its own folder.
        environment["PYTHONPATH"] = PythonPath([workingDirectory, .. importPath]);
        // Unbuffered, so that the log tail of a server that died shows its last words.
        environment["PYTHONUNBUFFERED"] = "1";
        foreach (var (k, v) in spec.Environment) environment[k] = v;
        // Marks every server process, so that a check after the tests finds any that outlived its owner.
        environment["PERFNB_SERVER"] = "1";
        return new LaunchPlan(spec, recipe, app, commandLine, workingDirectory, environment);
    }

    private static string Substitute(string argument, StackSpec spec, int port) => argument
        .Replace("{python}", spec.Python, StringComparison.Ordinal)
        .Replace("{host}", spec.Host, StringComparison.Ordinal)
        .Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{workers}", spec.Workers.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{threads}", (spec.Threads ?? 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
