using System.Text.Json;
using System.Text.RegularExpressions;

namespace PerfNotebooks.Servers;

/// <summary>
/// Reads a stack file: stacks the user defines entirely, beside the catalog's. <c>perfnb.stacks.json</c> in the
/// working directory is read when present; another file can be named.
/// <code>
/// {"stacks": [
///   {"name": "shop-preload",
///    "command": ["{python}", "-m", "gunicorn", "--preload", "-w", "{workers}", "-b", "{host}:{port}", "shop:app"],
///    "workers": 2, "environment": {"SHOP_MODE": "fast"}, "workingDirectory": "examples/sample-app",
///    "readyPath": "/healthz", "description": "the sample shop, app loaded once before forking"}
/// ]}
/// </code>
/// <c>{python}</c>, <c>{host}</c>, <c>{port}</c>, <c>{workers}</c> and <c>{threads}</c> are filled in at start;
/// a relative working directory is relative to the stack file. Without a ready path a stack is ready when its
/// port accepts. Every mistake is one line with the file, line and column.
/// </summary>
public static partial class StackFile
{
    /// <summary>The file read from the working directory when no other is named.</summary>
    public const string DefaultName = "perfnb.stacks.json";

    private static readonly string[] Fields =
        ["name", "command", "workers", "threads", "environment", "workingDirectory", "readyPath", "description", "python", "app", "server", "readyTimeoutSeconds"];

    private static readonly string[] Placeholders = ["python", "host", "port", "workers", "threads"];

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex PlaceholderPattern();

    /// <summary>
    /// The user's stacks: those of <paramref name="file"/> when given (it must exist), else those of
    /// <c>perfnb.stacks.json</c> in <paramref name="directory"/> (the current one by default) if it is there, else none.
    /// </summary>
    public static IReadOnlyList<StackSpec> LoadUserStacks(string? file, string? directory = null)
    {
        if (file is not null)
        {
            return File.Exists(file)
                ? Load(file)
                : throw new PerfNotebooksException($"stack file {file} does not exist; give a JSON file {{\"stacks\": [...]}} (see {DefaultName} in the README).");
        }
        var found = Path.Combine(directory ?? Directory.GetCurrentDirectory(), DefaultName);
        return File.Exists(found) ? Load(found) : [];
    }

    /// <summary>The stacks <paramref name="file"/> defines, in file order.</summary>
    public static IReadOnlyList<StackSpec> Load(string file)
    {
        var (source, document) = JsonSource.Read(file, "the stack file");
        using (document)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
            var stacks = new List<StackSpec>();
            foreach (var (entry, path) in source.Entries(document, "stacks", "the stack file"))
            {
                var stack = Read(source, entry, path, folder);
                if (stacks.Any(s => string.Equals(s.Name, stack.Name, StringComparison.OrdinalIgnoreCase)))
                    throw source.Error($"{path}.name", $"a second stack is named '{stack.Name}'; each needs a name of its own.");
                stacks.Add(stack);
            }
            return stacks;
        }
    }

    private static StackSpec Read(JsonSource source, JsonElement entry, string path, string folder)
    {
        source.OnlyKnown(entry, path, Fields);
        var name = source.String(entry, path, "name", required: true)!;
        if (!NamePattern().IsMatch(name))
            throw source.Error($"{path}.name", $"stack name '{name}' may hold letters, digits, '.', '_' and '-' (up to 64, starting with a letter or digit): it names files.");
        if (StackCatalog.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            throw source.Error($"{path}.name", $"'{name}' is the name of a catalog stack; give yours another.");

        var command = source.Strings(entry, path, "command") ?? throw source.Error(path, $"stack '{name}' needs a \"command\": [\"{{python}}\", \"-m\", \"gunicorn\", \"-b\", \"{{host}}:{{port}}\", \"app:app\"].");
        if (command.Count == 0 || command[0].Trim().Length == 0)
            throw source.Error($"{path}.command", $"stack '{name}': \"command\" is empty; it starts with the program to run.");
        for (var i = 0; i < command.Count; i++)
        {
            foreach (Match m in PlaceholderPattern().Matches(command[i]))
            {
                if (!Placeholders.Contains(m.Groups[1].Value))
                    throw source.Error(FormattableString.Invariant($"{path}.command[{i}]"),
                        $"unknown placeholder {m.Value} in stack '{name}'; known: {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))}.");
            }
        }
        if (!command.Any(a => a.Contains("{port}", StringComparison.Ordinal)))
            throw source.Error($"{path}.command", $"stack '{name}': the command must bind {{port}} (and {{host}}): PerfNotebooks picks a free port for every start.");

        var readyPath = source.String(entry, path, "readyPath");
        if (readyPath is not null && (!readyPath.StartsWith('/') || readyPath.Any(c => c is <= ' ' or >= (char)127)))
            throw source.Error($"{path}.readyPath", $"\"readyPath\" '{readyPath}' must start with / (e.g. /healthz); leave it out to wait for the port to accept.");

        string? workingDirectory = null;
        if (source.String(entry, path, "workingDirectory") is { } dir)
        {
            workingDirectory = Path.GetFullPath(Path.Combine(folder, dir));
            if (!Directory.Exists(workingDirectory))
                throw source.Error($"{path}.workingDirectory", $"working directory '{dir}' of stack '{name}' does not exist (looked for {workingDirectory}).");
        }
        var timeout = source.Int(entry, path, "readyTimeoutSeconds", 1, 3600);
        var spec = new StackSpec
        {
            Name = name,
            App = source.String(entry, path, "app") ?? "custom",
            Server = source.String(entry, path, "server") ?? "custom",
            Command = command,
            Workers = source.Int(entry, path, "workers", WorkerLimits.MinWorkers, WorkerLimits.MaxWorkers) ?? 1,
            Threads = source.Int(entry, path, "threads", 1, WorkerLimits.MaxThreads),
            Environment = source.StringMap(entry, path, "environment") ?? new Dictionary<string, string>(),
            WorkingDirectory = workingDirectory ?? folder,
            ReadyPath = readyPath,
            ReadyTimeout = timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(30),
            Python = source.String(entry, path, "python") ?? "/usr/bin/python3",
            Description = source.String(entry, path, "description") ?? string.Join(' ', command),
            Source = Path.GetFullPath(source.File),
        };
        try
        {
            StackValidation.Validate(spec, null);
        }
        catch (PerfNotebooksException e)
        {
            throw source.Error(path, e.Message);
        }
        return spec;
    }
}
