using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>The options of a comparison that measure the user's own app: the app, where it lives, its interface,
/// the servers to cross it with, its ready path and a request file for its API.</summary>
public sealed partial record PlanRequest
{
    /// <summary>The user's app as <c>module:callable</c>; its stacks are the app under each of <see cref="Servers"/>.</summary>
    public string? App { get; init; }

    /// <summary>The folder the app is imported from (default: the current one).</summary>
    public string? AppDir { get; init; }

    /// <summary>More import folders, comma-separated.</summary>
    public string? PythonPath { get; init; }

    /// <summary><c>wsgi</c> or <c>asgi</c>; null: detected by importing the app.</summary>
    public string? Interface { get; init; }

    /// <summary>Servers for the app, comma-separated (<c>gunicorn,uvicorn,...</c>); null: every one that fits and is installed.</summary>
    public string? Servers { get; init; }

    /// <summary>The app's path that answers 2xx once it is ready; null: ready when its port accepts.</summary>
    public string? ReadyPath { get; init; }

    /// <summary>A request file (JSON: method, path, headers, body per entry); each entry becomes an endpoint.</summary>
    public string? Requests { get; init; }

    /// <summary>The Python interpreter for every stack of the plan; null: each stack's own (/usr/bin/python3).</summary>
    public string? Python { get; init; }

    /// <summary>A stack file whose stacks <see cref="Stacks"/> can name; null: <c>perfnb.stacks.json</c> in the
    /// working directory, when there is one.</summary>
    public string? StackFile { get; init; }

    /// <summary>Stacks given as values (a notebook's <see cref="StackSpec"/> variables): measured with the others.</summary>
    public IReadOnlyList<StackSpec>? Specs { get; init; }

    /// <summary>The database the servers get: <c>sqlite</c> or <c>postgres</c>; null: SQLite when an endpoint is one
    /// of the realistic workloads, else none.</summary>
    public string? Database { get; init; }

    /// <summary>The app's stacks once <see cref="ToPlanAsync"/> has inspected it.</summary>
    private IReadOnlyList<StackSpec>? InspectedAppStacks { get; init; }

    /// <summary>
    /// The plan, after importing the user's app (when <see cref="App"/> is given) to learn whether it is WSGI or
    /// ASGI and to cross it with the servers that fit. Every mistake is one line: the module does not import,
    /// the callable is neither WSGI nor ASGI, a server does not fit the app, a file is not valid.
    /// </summary>
    public async Task<ExperimentPlan> ToPlanAsync(CancellationToken cancellationToken = default)
    {
        CheckAppOptions();
        if (App is null || InspectedAppStacks is not null) return ToPlan();
        var stacks = await UserApps.StacksAsync(OwnApp(), ServerList(), Python ?? "/usr/bin/python3", ReadyPath, cancellationToken).ConfigureAwait(false);
        return (this with { InspectedAppStacks = stacks }).ToPlan();
    }

    /// <summary>True when the plan has stacks besides the named ones.</summary>
    private bool HasOwnStacks => App is not null || Specs is { Count: > 0 };

    private IEnumerable<StackSpec> OwnStacks()
    {
        var given = Specs ?? [];
        if (App is null) return given;
        return [.. InspectedAppStacks
                   ?? throw new InvalidOperationException("a plan with an app of the user's own is built by ToPlanAsync, which imports the app first."),
                .. given];
    }

    /// <summary>A named stack: the notebook's values, the stack file's, then the catalog's.</summary>
    private StackSpec FindStack(string name)
        => StackCatalog.Get(name, [.. Specs ?? [], .. global::PerfNotebooks.Servers.StackFile.LoadUserStacks(StackFile)]);

    private void CheckAppOptions()
    {
        var n = Names;
        if (App is null)
        {
            foreach (var (value, option) in new[] { (AppDir, n.AppDir), (PythonPath, n.PythonPath), (Interface, n.Interface), (Servers, n.Servers), (ReadyPath, n.ReadyPath) })
                if (value is not null) throw new PerfNotebooksException($"{option} goes with {n.App} module:callable (an app of your own).");
        }
        if (App is not null && Preset is not null)
            throw new PerfNotebooksException($"give either {n.Preset} or {n.App}, not both (a preset measures the catalog's apps).");
        if (Requests is not null && Preset is not null)
            throw new PerfNotebooksException($"{n.Requests} goes with {n.App} or {n.Stacks}, not with a preset.");
        if (Interface is not null && Interface.Trim().ToLowerInvariant() is not ("wsgi" or "asgi"))
            throw new PerfNotebooksException($"{n.Interface} '{Interface}' is not accepted; use wsgi or asgi (or leave it out to detect it).");
    }

    private UserApp OwnApp() => new()
    {
        Target = App!.Trim(),
        AppDirectory = AppDir,
        PythonPath = PythonPath is null ? [] : List(PythonPath, Names.PythonPath, "folders, comma-separated"),
        Interface = Interface is null ? null : UserApps.ParseInterface(Interface),
    };

    private string[]? ServerList()
        => Servers is null ? null : List(Servers, Names.Servers, $"server names: {string.Join(",", UserApps.ServerNames)}");

    /// <summary>A custom plan measures /plaintext on catalog stacks; an app of the user's own, its ready path or /.</summary>
    private string[] DefaultEndpoints() => App is not null && Stacks is null ? [ReadyPath ?? "/"] : ["/plaintext"];

    /// <summary>Adds the request file's entries as endpoints (after any given as paths).</summary>
    private PlanMatrix WithRequests(PlanMatrix matrix)
    {
        if (Requests is null) return matrix;
        var requests = RequestFile.Load(Requests);
        var labels = requests.Select(r => r.Label);
        return matrix with
        {
            Endpoints = Endpoints is null ? [.. labels] : [.. matrix.Endpoints, .. labels.Where(l => !matrix.Endpoints.Contains(l))],
            Requests = requests,
        };
    }

    /// <summary>The database and the interpreter asked for, over every stack of the plan.</summary>
    private ExperimentPlan WithOwnSettings(ExperimentPlan plan)
    {
        if (Database is not null) plan = plan with { Database = Backends.Workloads.Parse(Database, Names.Database) };
        return Python is null
            ? plan
            : plan with { Matrices = [.. plan.Matrices.Select(m => m with { Stacks = [.. m.Stacks.Select(s => s with { Python = Python })] })] };
    }
}
