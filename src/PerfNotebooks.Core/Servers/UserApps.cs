using System.Text.RegularExpressions;

namespace PerfNotebooks.Servers;

/// <summary>
/// Serving a user's own WSGI or ASGI app under the catalog's server recipes: which servers there are, which fit
/// an app, and the stacks of an app crossed with a list of servers. The stacks are ordinary
/// <see cref="StackSpec"/>s: the launcher, the runner and the run store treat them like catalog stacks.
/// </summary>
public static partial class UserApps
{
    [GeneratedRegex(@"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*:[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")]
    private static partial Regex TargetPattern();

    /// <summary>Every server a user's app can run under, by the name a server list uses.</summary>
    public static IReadOnlyList<string> ServerNames => [.. ServerRecipes.ForUserApps.Select(r => r.Name)];

    /// <summary>The servers that speak <paramref name="kind"/>, by name.</summary>
    public static IReadOnlyList<string> ServersFor(AppInterface kind)
        => [.. ServerRecipes.ForUserApps.Where(r => r.Interface == kind).Select(r => r.Name)];

    /// <summary>The server a single start uses when none is named: gunicorn for WSGI, uvicorn for ASGI.</summary>
    public static string DefaultServer(AppInterface kind) => kind == AppInterface.Asgi ? "uvicorn" : "gunicorn";

    /// <summary>Parses an interface name: <c>wsgi</c> or <c>asgi</c>, any case.</summary>
    public static AppInterface ParseInterface(string text) => text.Trim().ToLowerInvariant() switch
    {
        "wsgi" => AppInterface.Wsgi,
        "asgi" => AppInterface.Asgi,
        _ => throw new PerfNotebooksException($"interface '{text}' is not one PerfNotebooks serves; use wsgi or asgi."),
    };

    /// <summary>Imports the app once (cached) and says whether it is WSGI or ASGI and what it is built on.
    /// A module that does not import, a missing attribute, or a callable that is neither WSGI nor ASGI (or not
    /// the interface the app says it has) is a one-line <see cref="PerfNotebooksException"/>.</summary>
    public static Task<UserAppInspection> InspectAsync(UserApp app, string python = "/usr/bin/python3", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        CheckTarget(app.Target);
        return UserAppProbe.InspectAsync(app, python, cancellationToken);
    }

    /// <summary>
    /// The stacks that serve <paramref name="app"/> under each of <paramref name="servers"/> (names from
    /// <see cref="ServerNames"/>), each with the server's default workers and threads, named
    /// <c>MODULE-SERVER</c>. Null servers: every server that fits the app's interface and is installed here.
    /// The app is inspected first; its folders are made absolute, so that a stored run can be resumed from
    /// anywhere. A server that does not fit the app is a one-line error naming the ones that do.
    /// </summary>
    public static async Task<IReadOnlyList<StackSpec>> StacksAsync(
        UserApp app,
        IReadOnlyList<string>? servers = null,
        string python = "/usr/bin/python3",
        string? readyPath = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        CheckTarget(app.Target);
        CheckReadyPath(readyPath);
        app = app with
        {
            AppDirectory = app.FullAppDirectory,
            PythonPath = [.. app.PythonPath.Select(Path.GetFullPath)],
        };
        var inspection = await UserAppProbe.InspectAsync(app, python, cancellationToken).ConfigureAwait(false);
        app = app with { Interface = inspection.Interface };

        List<ServerRecipe> recipes = [];
        foreach (var name in servers ?? ServersFor(inspection.Interface))
        {
            var trimmed = name.Trim().ToLowerInvariant();
            var recipe = ServerRecipes.ForUserApps.FirstOrDefault(r => r.Name == trimmed) ?? throw UnknownServer(name);
            if (recipe.Interface != inspection.Interface)
                throw new PerfNotebooksException(DoesNotFit(recipe, app.Target, inspection.Interface));
            if (!recipes.Contains(recipe)) recipes.Add(recipe);
        }
        if (recipes.Count == 0) throw new PerfNotebooksException($"no server named for app {app.Target}; use one or more of {string.Join(", ", ServersFor(inspection.Interface))}.");

        var stacks = recipes.Select(r => new StackSpec
        {
            Name = $"{app.Module}-{r.Name}",
            App = app.Target,
            Server = r.Server,
            WorkerClass = r.WorkerClass,
            Workers = r.DefaultWorkers,
            Threads = r.DefaultThreads,
            Python = python,
            ReadyPath = readyPath,
            UserApp = app,
            Description = $"{app.Target} ({inspection.Framework}) under {r.Name}",
        }).ToList();
        if (servers is not null) return stacks;

        // Every fitting server by default, but only those that run here: a missing one is not the user's choice.
        var installed = await StackInstallationCheck.CheckAllAsync(stacks, cancellationToken).ConfigureAwait(false);
        var runnable = stacks.Where((_, i) => installed[i].Installed).ToList();
        return runnable.Count > 0
            ? runnable
            : throw new PerfNotebooksException($"none of the servers for {Article(inspection.Interface)} app is installed here: {installed[0].Detail}.");
    }

    /// <summary>"uvicorn serves ASGI apps, and X is a WSGI app; servers that fit it: ...".</summary>
    internal static string DoesNotFit(ServerRecipe recipe, string target, AppInterface kind)
        => $"{recipe.Name} serves {Kind(recipe.Interface)} apps, and {target} is {Article(kind)} app; servers that fit it: {string.Join(", ", ServersFor(kind))}.";

    private static string Kind(AppInterface kind) => kind == AppInterface.Asgi ? "ASGI" : "WSGI";

    private static string Article(AppInterface kind) => kind == AppInterface.Asgi ? "an ASGI" : "a WSGI";

    private static PerfNotebooksException UnknownServer(string name)
    {
        var nearest = EditDistance.Nearest(name.Trim().ToLowerInvariant(), ServerNames);
        return new PerfNotebooksException(
            $"unknown server '{name}'.{(nearest is null ? "" : $" Did you mean '{nearest}'?")} Servers for an app of your own: {string.Join(", ", ServerNames)}.");
    }

    private static void CheckTarget(string target)
    {
        if (!TargetPattern().IsMatch(target ?? ""))
            throw new PerfNotebooksException($"app '{target}' is not module:callable (e.g. myapp:app or mysite.wsgi:application).");
    }

    internal static void CheckReadyPath(string? path)
    {
        if (path is not null && (!path.StartsWith('/') || path.Any(c => c <= ' ' || c >= 127)))
            throw new PerfNotebooksException($"ready path '{path}' is not a path; give one that starts with / (e.g. /healthz), or none to wait for the port to accept.");
    }
}
