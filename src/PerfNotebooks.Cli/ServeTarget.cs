using System.CommandLine;
using System.CommandLine.Parsing;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Cli;

/// <summary>What <c>perfnb serve</c> starts: a named stack, or the user's app (<c>--app</c>) under one server.</summary>
internal static class ServeTarget
{
    /// <summary>
    /// The stack to serve, before the command-line overrides (workers, port, ...). With <c>--app</c>, the app is
    /// imported once to learn its interface, and served by the one server of <c>--servers</c> (default gunicorn
    /// for WSGI, uvicorn for ASGI). Extra server arguments after <c>--</c> come back too: without a stack
    /// argument the parser puts the first of them in the stack's place.
    /// </summary>
    public static async Task<(StackSpec Spec, string[] Extra)> ResolveAsync(
        ParseResult parse, Argument<string?> stackArgument, Argument<string[]> extraArgument, OwnAppOptions own, Option<string?> stackFile,
        string python, CancellationToken cancellationToken)
    {
        var stack = parse.GetValue(stackArgument);
        var extra = parse.GetValue(extraArgument) ?? [];
        var target = parse.GetValue(own.App);
        if (target is null)
        {
            foreach (var option in new[] { own.AppDir, own.PythonPath, own.Interface, own.Servers, own.ReadyPath })
                if (parse.GetValue(option) is not null) throw new PerfNotebooksException($"{option.Name} goes with --app module:callable (an app of your own).");
            if (stack is null) throw new PerfNotebooksException("serve needs a stack (see perfnb servers) or --app module:callable (an app of your own).");
            return (StackCatalog.Get(stack, StackFile.LoadUserStacks(parse.GetValue(stackFile))), extra);
        }
        if (stack is not null)
        {
            if (!CameAfterDoubleDash(parse, stack))
                throw new PerfNotebooksException($"give either a stack ('{stack}') or --app, not both.");
            extra = [stack, .. extra];
        }

        var app = new UserApp
        {
            Target = target.Trim(),
            AppDirectory = parse.GetValue(own.AppDir),
            PythonPath = Split(parse.GetValue(own.PythonPath)),
            Interface = parse.GetValue(own.Interface) is { } kind ? UserApps.ParseInterface(kind) : null,
        };
        var servers = Split(parse.GetValue(own.Servers));
        if (servers.Length > 1)
            throw new PerfNotebooksException($"serve starts one server; --servers names {servers.Length} ({string.Join(", ", servers)}). perfnb compare crosses an app with several.");
        if (servers.Length == 0)
        {
            var inspection = await UserApps.InspectAsync(app, python, cancellationToken);
            servers = [UserApps.DefaultServer(inspection.Interface)];
        }
        var stacks = await UserApps.StacksAsync(app, servers, python, parse.GetValue(own.ReadyPath), cancellationToken);
        return (stacks[0], extra);
    }

    private static string[] Split(string? list)
        => list is null ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool CameAfterDoubleDash(ParseResult parse, string value)
    {
        var tokens = parse.Tokens;
        var dash = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.DoubleDash) dash = i;
            else if (tokens[i].Value == value && tokens[i].Type == TokenType.Argument) return dash >= 0 && i > dash;
        }
        return false;
    }
}
