using System.Collections.Concurrent;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive;

/// <summary>
/// The servers this notebook started, by the name a cell gave them (the C# variable name). The kernel's
/// disposal stops all of them, so shutting a notebook down leaves no server behind.
/// </summary>
public sealed class NotebookServers : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RunningServer> _servers = new(StringComparer.Ordinal);

    // Stored mode (PERFNB_STORED): servers a cell asked for and that were not started; loads of them are answered from stored runs.
    private readonly ConcurrentDictionary<string, StackSpec> _stored = new(StringComparer.Ordinal);

    /// <summary>Stored mode: remembers that <paramref name="name"/> stands for <paramref name="spec"/>, not started.</summary>
    public void AddStored(string name, StackSpec spec) => _stored[name] = spec;

    /// <summary>Stored mode: the stack a name stands for.</summary>
    public bool TryGetStored(string name, out StackSpec spec) => _stored.TryGetValue(name, out spec!);

    /// <summary>Stored mode: forgets a name (or all); returns how many were forgotten.</summary>
    public int ForgetStored(string? name)
    {
        if (name is null)
        {
            var count = _stored.Count;
            _stored.Clear();
            return count;
        }
        return _stored.TryRemove(name, out _) ? 1 : 0;
    }

    /// <summary>Names in start order is not kept; sorted for stable display.</summary>
    public IReadOnlyList<string> Names => _servers.Keys.Order(StringComparer.Ordinal).ToArray();

    public bool TryGet(string name, out RunningServer server) => _servers.TryGetValue(name, out server!);

    public void Add(string name, RunningServer server)
    {
        if (!_servers.TryAdd(name, server))
            throw new PerfNotebooksException($"a server named '{name}' is already running; stop it first (#!pyserver stop {name}) or pick another --name.");
    }

    /// <summary>A name not yet taken, from a stack name: flask-gunicorn -> flask_gunicorn, then flask_gunicorn2, ...</summary>
    public string FreeName(string stack)
    {
        var baseName = Identifier(stack);
        if (!_servers.ContainsKey(baseName)) return baseName;
        for (var i = 2; ; i++)
            if (!_servers.ContainsKey(baseName + i)) return baseName + i;
    }

    /// <summary>The server by its name, or the only one of a stack.</summary>
    public RunningServer Find(string nameOrStack)
    {
        if (_servers.TryGetValue(nameOrStack, out var server)) return server;
        var ofStack = _servers.Values.Where(s => s.Spec.Name == nameOrStack).ToArray();
        if (ofStack.Length == 1) return ofStack[0];
        var known = _servers.IsEmpty ? "none is running (start one with #!pyserver start STACK)" : "running: " + string.Join(", ", Names);
        throw new PerfNotebooksException($"no server named '{nameOrStack}'; {known}.");
    }

    /// <summary>Stops and forgets one server.</summary>
    public async Task StopAsync(string name)
    {
        var server = Find(name);
        var key = _servers.First(kv => ReferenceEquals(kv.Value, server)).Key;
        try { await server.StopAsync(); }
        finally { _servers.TryRemove(key, out _); }
    }

    /// <summary>Stops and forgets every server; returns how many were stopped.</summary>
    public async Task<int> StopAllAsync()
    {
        var all = _servers.ToArray();
        await Task.WhenAll(all.Select(async kv =>
        {
            try { await kv.Value.DisposeAsync(); }
            finally { _servers.TryRemove(kv.Key, out _); }
        }));
        return all.Length;
    }

    public async ValueTask DisposeAsync() => await StopAllAsync();

    /// <summary>A valid C# identifier from a stack name.</summary>
    public static string Identifier(string text)
    {
        var chars = text.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        var name = new string(chars);
        return name.Length == 0 || char.IsDigit(name[0]) ? "_" + name : name;
    }
}
