using System.Collections.Concurrent;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace PerfNotebooks.Servers;

/// <summary>
/// Imports a user's app once in a short Python run, the way a server would (its folder first on the import
/// path), and reports whether it is WSGI or ASGI: an async callable of three arguments is ASGI, a plain callable
/// of two is WSGI. Import failures come back as the last line of Python's traceback. Successes are cached per
/// interpreter and app for the life of the process (a comparison starts the same app many times); failures
/// are not, so a fixed app is seen at once.
/// </summary>
internal static class UserAppProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // Prints one JSON line. Positional parameters decide: WSGI (environ, start_response), ASGI 3 (scope, receive, send).
    private const string Script = """
        import importlib, inspect, json, sys, traceback
        def out(**kw):
            sys.stdout.write("\nPERFNB-PROBE " + json.dumps(kw) + "\n"); sys.stdout.flush()
        module_name, _, attr = sys.argv[1].partition(":")
        try:
            module = importlib.import_module(module_name)
        except BaseException as e:
            out(ok=False, stage="import", error=traceback.format_exception_only(type(e), e)[-1].strip())
            sys.exit(0)
        obj = module
        try:
            for part in attr.split("."):
                obj = getattr(obj, part)
        except AttributeError:
            out(ok=False, stage="attribute", error="module %s has no attribute %s" % (module_name, attr))
            sys.exit(0)
        if inspect.isclass(obj):
            shape = "the class %s.%s (an app is an instance or a function)" % (obj.__module__, obj.__qualname__)
        elif inspect.isfunction(obj) or inspect.ismethod(obj):
            shape = "a function"
        else:
            shape = "an instance of %s.%s" % (type(obj).__module__, type(obj).__qualname__)
        kind, count = None, None
        if callable(obj) and not inspect.isclass(obj):
            call = obj if (inspect.isfunction(obj) or inspect.ismethod(obj)) else type(obj).__call__
            is_async = inspect.iscoroutinefunction(obj) or inspect.iscoroutinefunction(call)
            try:
                params = list(inspect.signature(obj).parameters.values())
                positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
                varargs = any(p.kind == p.VAR_POSITIONAL for p in params)
                count = len(positional)
                if is_async and (count == 3 or (varargs and count <= 3)):
                    kind = "asgi"
                elif not is_async and (count == 2 or (varargs and count <= 2)):
                    kind = "wsgi"
                shape += ", async" if is_async else ""
                shape += " taking %d positional argument%s" % (count, "" if count == 1 else "s")
            except (TypeError, ValueError):
                shape += ", with no signature to read"
        elif not callable(obj):
            shape += ", not callable"
        framework = "none (plain callable)"
        try:
            from importlib import metadata
            top = (obj.__module__ if inspect.isfunction(obj) else type(obj).__module__).split(".")[0]
            dists = metadata.packages_distributions().get(top) or []
            if dists:
                framework = "%s %s" % (dists[0], metadata.version(dists[0]))
        except Exception:
            pass
        out(ok=True, kind=kind, shape=shape, framework=framework)
        """;

    private static readonly ConcurrentDictionary<string, UserAppInspection> Cache = new(StringComparer.Ordinal);

    /// <summary>What the app is, or a <see cref="PerfNotebooksException"/> saying why it cannot be served.</summary>
    public static async Task<UserAppInspection> InspectAsync(UserApp app, string python, CancellationToken cancellationToken)
    {
        var directory = app.FullAppDirectory;
        var key = string.Join('\0', python, app.Target, directory, string.Join(':', app.PythonPath), app.Interface?.ToString() ?? "");
        if (Cache.TryGetValue(key, out var known)) return known;
        if (!System.IO.Directory.Exists(directory))
            throw new PerfNotebooksException($"app {app.Target}: its folder {directory} does not exist.");
        if (!File.Exists(python))
            throw new PerfNotebooksException($"app {app.Target}: Python interpreter {python} not found.");

        BufferedCommandResult result;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            result = await Cli.Wrap(python)
                .WithArguments(["-c", Script, app.Target])
                .WithWorkingDirectory(directory)
                .WithEnvironmentVariables(e => e
                    .Set("PYTHONPATH", LaunchPlanner.PythonPath([directory, .. app.PythonPath.Select(Path.GetFullPath)]))
                    .Set("PYTHONDONTWRITEBYTECODE", "1")
                    .Set("PERFNB_SERVER", "1"))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PerfNotebooksException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"app {app.Target}: importing it did not finish within {Timeout.TotalSeconds:0} s (does the module start a server when imported?)."));
        }
        var line = result.StandardOutput.Split('\n').LastOrDefault(l => l.StartsWith("PERFNB-PROBE ", StringComparison.Ordinal));
        if (line is null)
        {
            var last = LastLine(result.StandardError);
            throw new PerfNotebooksException(FormattableString.Invariant(
                $"app {app.Target}: importing it ended Python (exit code {result.ExitCode}){(last.Length == 0 ? "" : ": " + last)}."));
        }
        using var json = JsonDocument.Parse(line["PERFNB-PROBE ".Length..]);
        var root = json.RootElement;
        if (!root.GetProperty("ok").GetBoolean())
        {
            var error = root.GetProperty("error").GetString() ?? "";
            throw root.GetProperty("stage").GetString() == "import"
                ? new PerfNotebooksException($"app {app.Target} does not import from {directory}: {error}")
                : new PerfNotebooksException($"app {app.Target}: {error}.");
        }
        var shape = root.GetProperty("shape").GetString() ?? "";
        var framework = root.GetProperty("framework").GetString() ?? "unknown";
        var detected = root.GetProperty("kind").GetString() switch
        {
            "wsgi" => AppInterface.Wsgi,
            "asgi" => (AppInterface?)AppInterface.Asgi,
            _ => null,
        };
        var inspection = (detected, app.Interface) switch
        {
            (null, null) => throw new PerfNotebooksException(
                $"app {app.Target} is neither a WSGI app (a callable of environ, start_response) nor an ASGI app (an async callable of scope, receive, send): it is {shape}."),
            ({ } found, { } asked) when found != asked => throw new PerfNotebooksException(
                $"app {app.Target} is not {Article(asked)} app as was asked ({Expected(asked)}): it is {shape}, {Article(found)} app."),
            ({ } found, _) => new UserAppInspection(found, framework, shape),
            (null, { } asked) => new UserAppInspection(asked, framework, shape),
        };
        Cache[key] = inspection;
        return inspection;
    }

    private static string Article(AppInterface kind) => kind == AppInterface.Asgi ? "an ASGI" : "a WSGI";

    private static string Expected(AppInterface kind) => kind == AppInterface.Asgi
        ? "an async callable of scope, receive, send"
        : "a callable of environ, start_response";

    private static string LastLine(string text)
        => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
