using System.Collections.Concurrent;
using PerfNotebooks.Backends;
using PerfNotebooks.Hosts;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive;

/// <summary>
/// The servers this notebook started, by the name a cell gave them (the C# variable name). The kernel's
/// disposal stops all of them, so shutting a notebook down leaves no server behind.
/// </summary>
public sealed class NotebookServers : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RunningServer> _servers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (IServedStack Server, HostTopology Hosts)> _remote = new(StringComparer.Ordinal);

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

    // A database started for a server (#!pyserver start --db), stopped after it.
    private readonly ConcurrentDictionary<string, RunningDatabase> _databases = new(StringComparer.Ordinal);

    /// <summary>Names in start order is not kept; sorted for stable display.</summary>
    public IReadOnlyList<string> Names => _servers.Keys.Concat(_remote.Keys).Order(StringComparer.Ordinal).ToArray();

    /// <summary>A server this notebook started on a host (#!pyserver start --server-host).</summary>
    public bool TryGetRemote(string name, out IServedStack server)
    {
        var found = _remote.TryGetValue(name, out var entry);
        server = entry.Server;
        return found;
    }

    /// <summary>Keeps a server started on a host, with the connection to its host; both end when it is stopped.</summary>
    public void AddRemote(string name, IServedStack server, HostTopology hosts)
    {
        if (_servers.ContainsKey(name) || !_remote.TryAdd(name, (server, hosts)))
            throw new PerfNotebooksException($"a server named '{name}' is already running; stop it first (#!pyserver stop {name}) or pick another --name.");
    }

    public bool TryGet(string name, out RunningServer server) => _servers.TryGetValue(name, out server!);

    /// <summary>True when the name is taken by a server here or on a host.</summary>
    public bool Taken(string name) => _servers.ContainsKey(name) || _remote.ContainsKey(name);

    public void Add(string name, RunningServer server)
    {
        if (!_servers.TryAdd(name, server))
            throw new PerfNotebooksException($"a server named '{name}' is already running; stop it first (#!pyserver stop {name}) or pick another --name.");
    }

    /// <summary>Adds a server and the database started for it (null: none); stopping the server stops the database too.</summary>
    public void Add(string name, RunningServer server, RunningDatabase? database)
    {
        Add(name, server);
        if (database is not null) _databases[name] = database;
    }

    /// <summary>The database started with a server, if any.</summary>
    public RunningDatabase? DatabaseOf(string name) => _databases.TryGetValue(name, out var database) ? database : null;

    /// <summary>A name not yet taken, from a stack name: flask-gunicorn -> flask_gunicorn, then flask_gunicorn2, ...</summary>
    public string FreeName(string stack)
    {
        var baseName = Identifier(stack);
        if (!Taken(baseName)) return baseName;
        for (var i = 2; ; i++)
            if (!Taken(baseName + i)) return baseName + i;
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
        if (_remote.TryRemove(name, out var remote))
        {
            await StopRemoteAsync(remote);
            return;
        }
        var server = Find(name);
        var key = _servers.First(kv => ReferenceEquals(kv.Value, server)).Key;
        try { await server.StopAsync(); }
        finally
        {
            _servers.TryRemove(key, out _);
            if (_databases.TryRemove(key, out var database)) await database.DisposeAsync();
        }
    }

    /// <summary>Stops and forgets every server; returns how many were stopped.</summary>
    public async Task<int> StopAllAsync()
    {
        var remote = _remote.ToArray();
        _remote.Clear();
        await Task.WhenAll(remote.Select(kv => StopRemoteAsync(kv.Value)));
        var all = _servers.ToArray();
        await Task.WhenAll(all.Select(async kv =>
        {
            try { await kv.Value.DisposeAsync(); }
            finally
            {
                _servers.TryRemove(kv.Key, out _);
                if (_databases.TryRemove(kv.Key, out var database)) await database.DisposeAsync();
            }
        }));
        return all.Length + remote.Length;
    }

    private static async Task StopRemoteAsync((IServedStack Server, HostTopology Hosts) remote)
    {
        try { await remote.Server.DisposeAsync(); }
        finally { await remote.Hosts.DisposeAsync(); }
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
