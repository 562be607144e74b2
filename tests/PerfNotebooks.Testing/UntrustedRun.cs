using PerfNotebooks.Experiments;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Testing;

/// <summary>
/// A stored, unfinished run whose plan holds a command of its own (a user-defined stack), as one that came from
/// elsewhere would: resuming it runs that command, so a front end must ask for trust first. The app the command
/// serves writes "imported" to <see cref="RanFile"/> whenever it is imported: a test can tell whether it ran.
/// </summary>
public sealed class UntrustedRun
{
    private UntrustedRun(string id, string appDirectory)
    {
        Id = id;
        AppDirectory = appDirectory;
        RanFile = Path.Combine(appDirectory, "ran");
    }

    /// <summary>The run's id (its folder's name).</summary>
    public string Id { get; }

    /// <summary>The folder the run's command runs in (it holds the app).</summary>
    public string AppDirectory { get; }

    /// <summary>The file the app writes to when imported; absent until then.</summary>
    public string RanFile { get; }

    /// <summary>Stores the run, with no cell measured, under <paramref name="root"/> (its app in root/app).</summary>
    public static UntrustedRun Create(string root)
    {
        var app = Directory.CreateDirectory(Path.Combine(root, "app")).FullName;
        File.WriteAllText(Path.Combine(app, "trustapp.py"), """
            import os
            with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ran"), "a") as f:
                f.write("imported\n")

            def app(environ, start_response):
                start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "13")])
                return [b"Hello, World!"]
            """);
        var stack = new StackSpec
        {
            Name = "my-app",
            App = "custom",
            Server = "custom",
            Command = ["{python}", "-m", "gunicorn", "--workers", "1", "-b", "{host}:{port}", "trustapp:app"],
            WorkingDirectory = app,
        };
        var plan = new ExperimentPlan
        {
            Name = "from-elsewhere",
            Matrices = [new PlanMatrix { Label = "custom", Stacks = [stack], Endpoints = ["/plaintext"], Levels = [4] }],
            Repetitions = 1,
            Warmup = TimeSpan.FromMilliseconds(200),
            Duration = TimeSpan.FromSeconds(1),
            Cooldown = TimeSpan.Zero,
        };
        var id = SyntheticRun.Store(root, plan, cells: 0, complete: false).Id;
        return new UntrustedRun(id, app);
    }
}
