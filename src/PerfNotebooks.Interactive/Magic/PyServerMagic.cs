using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using PerfNotebooks.Backends;
using PerfNotebooks.Interactive.Formatting;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!pyserver list|start|stop|logs</c>: the server lab from a notebook cell.</summary>
internal static class PyServerMagic
{
    public static void Register(Kernel kernel, NotebookServers servers)
    {
        var root = new KernelActionDirective("#!pyserver") { Description = "Start, list, stop Python web servers (list | start STACK | stop NAME|--all | logs NAME)" };
        root.Parameters.Add(new KernelDirectiveParameter("--subcommand", "list, start, stop or logs") { AllowImplicitName = true });

        var list = new KernelActionDirective("list") { Description = "The stack catalog as a table", KernelCommandType = typeof(PyServerListCommand) };
        list.Parameters.Add(new KernelDirectiveParameter("--stack-file", $"Your own stacks, from this file (default: {StackFile.DefaultName} here, if there is one)"));

        var start = new KernelActionDirective("start") { Description = "Start a stack; binds a C# variable to the running server", KernelCommandType = typeof(PyServerStartCommand) };
        start.Parameters.Add(new KernelDirectiveParameter("--stack", "The stack to start (see #!pyserver list), or give --app") { AllowImplicitName = true }
            .AddCompletions(() => StackCatalog.Names));
        OwnAppParameters.AddTo(start, withServers: true);
        start.Parameters.Add(new KernelDirectiveParameter("--db", "Start a database with the server (stopped with it): sqlite or postgres").AddCompletions(() => ["sqlite", "postgres"]));
        start.Parameters.Add(new KernelDirectiveParameter("--stack-file", $"Your own stacks, which the stack name can name (default: {StackFile.DefaultName} here)"));
        start.Parameters.Add(new KernelDirectiveParameter("--workers", "Worker processes"));
        start.Parameters.Add(new KernelDirectiveParameter("--threads", "Threads per worker, where the server has them"));
        start.Parameters.Add(new KernelDirectiveParameter("--port", "Port on 127.0.0.1 (default: a free one)"));
        start.Parameters.Add(new KernelDirectiveParameter("--cpus", "CPU list to pin the server to, e.g. 1 or 0-1"));
        start.Parameters.Add(new KernelDirectiveParameter("--name", "C# variable (and server name); default: the stack name"));
        HostArgs.AddTo(start, load: false);

        var stop = new KernelActionDirective("stop") { Description = "Stop a server this notebook started, or --all", KernelCommandType = typeof(PyServerStopCommand) };
        stop.Parameters.Add(new KernelDirectiveParameter("--server", "The server's name") { AllowImplicitName = true }.AddCompletions(() => servers.Names));
        stop.Parameters.Add(new KernelDirectiveParameter("--all", "Stop every server this notebook started") { Flag = true });

        var logs = new KernelActionDirective("logs") { Description = "The last lines a server wrote", KernelCommandType = typeof(PyServerLogsCommand) };
        logs.Parameters.Add(new KernelDirectiveParameter("--server", "The server's name") { AllowImplicitName = true, Required = true }.AddCompletions(() => servers.Names));
        logs.Parameters.Add(new KernelDirectiveParameter("--lines", "How many lines (default 40)"));

        root.Subcommands.Add(list);
        root.Subcommands.Add(start);
        root.Subcommands.Add(stop);
        root.Subcommands.Add(logs);

        kernel.AddDirective<PyServerCommand>(root, CellGuard.Wrap<PyServerCommand>((command, _) =>
            throw new PerfNotebooksException(command.Subcommand is null
                ? "#!pyserver needs a subcommand: list, start STACK, stop NAME|--all, logs NAME."
                : $"#!pyserver has no subcommand '{command.Subcommand}'; use list, start STACK, stop NAME|--all, logs NAME.")));

        kernel.RegisterCommandHandler(CellGuard.Wrap<PyServerListCommand>(async (command, context) =>
        {
            IReadOnlyList<StackSpec> stacks = [.. StackCatalog.All, .. StackFile.LoadUserStacks(command.StackFile)];
            var installations = await StackInstallationCheck.CheckAllAsync(stacks, context.CancellationToken);
            context.Display(new HtmlString(CatalogTable.Render(stacks, installations)), "text/html");
        }));

        kernel.RegisterCommandHandler(CellGuard.Wrap<PyServerStartCommand>(async (command, context) =>
        {
            var name = Args.VariableName(command.Name);
            var spec = await PyServerStartTarget.ResolveAsync(command, context.CancellationToken);
            name ??= servers.FreeName(spec.Name);
            if (servers.Taken(name))
                throw new PerfNotebooksException($"a server named '{name}' is already running; stop it first (#!pyserver stop {name}) or pick another --name.");
            spec = spec with
            {
                Workers = Args.Int(command.Workers, "--workers", WorkerLimits.MinWorkers, WorkerLimits.MaxWorkers) ?? spec.Workers,
                Threads = Args.Int(command.Threads, "--threads", 1, WorkerLimits.MaxThreads) ?? spec.Threads,
                Port = Args.Int(command.Port, "--port", 0, 65535) ?? spec.Port,
                Cpus = command.Cpus ?? spec.Cpus,
            };
            if (command.ServerHost is not null)
            {
                await StartOnHostAsync(kernel, servers, spec, name, command, context);
                return;
            }
            if (StoredMode.On)
            {
                servers.AddStored(name, spec);
                context.Display(new HtmlString(Html.Block($"server {name} ({spec.Name}): not started",
                    $"<div>{Html.E($"stored mode ({StoredMode.Variable}): {spec.Name} with {spec.Workers} worker(s) was not started; #!load {name} shows the stored cell nearest to what it asks for. Run without {StoredMode.Variable} to start it.")}</div>")), "text/html");
                return;
            }
            var database = command.Db is null ? null : await DatabaseLauncher.StartAsync(Workloads.Parse(command.Db, "--db"), cancellationToken: context.CancellationToken);
            RunningServer server;
            try
            {
                server = await ServerLauncher.StartAsync(database?.Apply(spec) ?? spec, context.CancellationToken);
            }
            catch
            {
                if (database is not null) await database.DisposeAsync();
                throw;
            }
            try
            {
                // An interrupt that lands just as the server became ready still stops it.
                context.CancellationToken.ThrowIfCancellationRequested();
                servers.Add(name, server, database);
            }
            catch
            {
                await server.DisposeAsync();
                if (database is not null) await database.DisposeAsync();
                throw;
            }
            await VariableBinder.BindAsync(kernel, name, server);
            context.Display(new HtmlString(ServerCard.Render(server, name)), "text/html");
        }));

        kernel.RegisterCommandHandler(CellGuard.Wrap<PyServerStopCommand>(async (command, context) =>
        {
            if (StoredMode.On)
            {
                var forgotten = servers.ForgetStored(command.All ? null : command.Server);
                context.DisplayAs($"stored mode ({StoredMode.Variable}): nothing was running; forgot {forgotten} server name(s).", "text/plain");
                return;
            }
            if (command.All)
            {
                var count = await servers.StopAllAsync();
                context.DisplayAs($"stopped {count} server(s)", "text/plain");
                return;
            }
            if (command.Server is null)
                throw new PerfNotebooksException("#!pyserver stop needs a server name or --all" + (servers.Names.Count > 0 ? "; running: " + string.Join(", ", servers.Names) : "") + ".");
            await servers.StopAsync(command.Server);
            context.DisplayAs($"stopped {command.Server}", "text/plain");
        }));

        kernel.RegisterCommandHandler(CellGuard.Wrap<PyServerLogsCommand>((command, context) =>
        {
            var lines = Args.Int(command.Lines, "--lines", 1, 100_000) ?? 40;
            if (servers.TryGetRemote(command.Server!, out var remote))
            {
                context.DisplayAs(remote.OutputTail(lines), "text/plain");
                return Task.CompletedTask;
            }
            var server = servers.Find(command.Server!);
            context.DisplayAs(server.OutputTail(lines), "text/plain");
            return Task.CompletedTask;
        }));
    }

    /// <summary>
    /// <c>#!pyserver start STACK --server-host ssh://...</c>: the server on a host, started by the perfnb deployed
    /// there and bound to the host's address; the C# variable holds it (its BaseUrl, Versions), #!load NAME loads it.
    /// </summary>
    private static async Task StartOnHostAsync(Kernel kernel, NotebookServers servers, StackSpec spec, string name, PyServerStartCommand command, KernelInvocationContext context)
    {
        var request = HostArgs.Request(command.ServerHost, null, command.SshOption, command.DeployRoot, spec.Python);
        var hosts = await HostArgs.OpenAsync(request, context.CancellationToken);
        try
        {
            await hosts.CheckStacksAsync([spec.Name], spec.Python, context.CancellationToken);
            var site = hosts.ServerSite(TimeSpan.FromMilliseconds(250));
            var served = await site.StartAsync(spec, context.CancellationToken);
            try
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                servers.AddRemote(name, served, hosts);
            }
            catch
            {
                await served.DisposeAsync();
                throw;
            }
            await VariableBinder.BindAsync(kernel, name, served);
            var versions = served.Versions is { } v ? $"Python {v.Python}; {v.Framework}; {v.Server}" : "";
            context.Display(new HtmlString(Html.Block($"{name}: {spec.Name} on {site.Name}", $"<div>serving at {Html.E(served.BaseUrl.ToString())}</div><div>{Html.E(versions)}</div>")), "text/html");
        }
        catch
        {
            if (!servers.TryGetRemote(name, out _)) await hosts.DisposeAsync();
            throw;
        }
    }
}
