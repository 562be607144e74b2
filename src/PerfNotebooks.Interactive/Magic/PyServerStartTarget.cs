using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive.Magic;

/// <summary>What <c>#!pyserver start</c> starts: a named stack, or the user's app under one server.</summary>
internal static class PyServerStartTarget
{
    public static async Task<StackSpec> ResolveAsync(PyServerStartCommand command, CancellationToken cancellationToken)
    {
        if (command.App is null)
        {
            foreach (var (value, option) in new[] { (command.AppDir, "--app-dir"), (command.PythonPath, "--pythonpath"), (command.Interface, "--interface"), (command.Servers, "--servers"), (command.ReadyPath, "--ready-path") })
                if (value is not null) throw new PerfNotebooksException($"{option} goes with --app module:callable (an app of your own).");
            return StackCatalog.Get(
                command.Stack ?? throw new PerfNotebooksException("#!pyserver start needs --stack NAME (or the name alone; see #!pyserver list) or --app module:callable."),
                StackFile.LoadUserStacks(command.StackFile));
        }
        if (command.Stack is not null) throw new PerfNotebooksException($"give either a stack ('{command.Stack}') or --app, not both.");

        var app = new UserApp
        {
            Target = command.App.Trim(),
            AppDirectory = command.AppDir,
            PythonPath = Split(command.PythonPath),
            Interface = command.Interface is { } kind ? UserApps.ParseInterface(kind) : null,
        };
        var servers = Split(command.Servers);
        if (servers.Length > 1)
            throw new PerfNotebooksException($"#!pyserver start starts one server; --servers names {servers.Length} ({string.Join(", ", servers)}). #!compare crosses an app with several.");
        if (servers.Length == 0)
            servers = [UserApps.DefaultServer((await UserApps.InspectAsync(app, cancellationToken: cancellationToken)).Interface)];
        return (await UserApps.StacksAsync(app, servers, readyPath: command.ReadyPath, cancellationToken: cancellationToken))[0];
    }

    private static string[] Split(string? list)
        => list is null ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
