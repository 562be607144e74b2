using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using PerfNotebooks.Experiments;
using PerfNotebooks.Interactive.Charts;
using PerfNotebooks.Interactive.Formatting;
using PerfNotebooks.Load;
using PerfNotebooks.Metrics;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!load TARGET</c>: drives load at a URL or a started server, shows and binds the result.</summary>
internal static class LoadMagic
{
    /// <summary>How #!load spells its load options (the ones it has), for the mistakes a load request reports.</summary>
    private static readonly LoadOptionNames OptionNames = new()
    {
        Connections = "-c", Duration = "-d", Rate = "--rate", Warmup = "--warmup", Profile = "--profile", Rooms = "--rooms",
        // Not parameters of #!load: a request from here never holds them.
        Requests = "requests", MessageSize = "message size", Timeout = "timeout", Pipeline = "pipeline", Header = "header", Body = "body", Threads = "threads", Backend = "backend",
    };

    /// <summary>In quick mode (PERFNB_QUICK=1, what CI runs) a load lasts at most this long.</summary>
    internal static readonly TimeSpan QuickDuration = TimeSpan.FromSeconds(2);

    public static void Register(Kernel kernel, NotebookServers servers)
    {
        var load = new KernelActionDirective("#!load") { Description = "Drive HTTP or WebSocket load at a URL or a started server; binds the result to a C# variable" };
        load.Parameters.Add(new KernelDirectiveParameter("--target", "An http:// or ws:// URL, or the name of a server started with #!pyserver start") { AllowImplicitName = true, Required = true }
            .AddCompletions(() => servers.Names));
        load.Parameters.Add(new KernelDirectiveParameter("-c", "Connections (default 32)"));
        load.Parameters.Add(new KernelDirectiveParameter("-d", "Duration: 500ms, 10s, 2m (default 10s)"));
        load.Parameters.Add(new KernelDirectiveParameter("--rate", "Constant rate in requests/s over all connections (default: closed loop)"));
        load.Parameters.Add(new KernelDirectiveParameter("--profile", "A rate that changes, e.g. spike:base=200,peak=2000,at=5s,for=5s (the run lasts the profile's length)"));
        load.Parameters.Add(new KernelDirectiveParameter("--rooms", "ws:// only: a chat broadcast over this many rooms (default: echo)"));
        load.Parameters.Add(new KernelDirectiveParameter("--warmup", "Unrecorded warm-up first, e.g. 1s"));
        load.Parameters.Add(new KernelDirectiveParameter("--endpoint", "Path on a started server (default /plaintext)")
            .AddCompletions(() => EndpointCompletions.Examples));
        load.Parameters.Add(new KernelDirectiveParameter("--name", "C# variable for the result"));
        HostArgs.AddTo(load);

        kernel.AddDirective<LoadMagicCommand>(load, CellGuard.Wrap<LoadMagicCommand>((command, context) => RunAsync(kernel, servers, command, context)));
    }

    private static async Task RunAsync(Kernel kernel, NotebookServers servers, LoadMagicCommand command, KernelInvocationContext context)
    {
        var name = Args.VariableName(command.Name);
        if (StoredMode.On)
        {
            await ShowStoredAsync(kernel, servers, command, name, context);
            return;
        }
        var (url, server) = Resolve(servers, command.Target!, command.Endpoint);
        var spec = new LoadRequest
        {
            Url = url.ToString(), Connections = command.C, Duration = command.D, Rate = command.Rate, Warmup = command.Warmup,
            Profile = command.Profile, Rooms = command.Rooms, Names = OptionNames,
        }.ToSpec();
        string? note = null;
        if (PlanPresets.QuickModeRequested && (spec.Duration > QuickDuration || spec.Warmup > QuickDuration / 4))
        {
            spec = spec with { Duration = Min(spec.Duration, QuickDuration), Warmup = Min(spec.Warmup, QuickDuration / 4) };
            note = $"quick mode (PERFNB_QUICK=1): ran {Duration.Format(spec.Duration)} with {Duration.Format(spec.Warmup)} warm-up.";
        }

        var hostRequest = HostArgs.Request(command.ServerHost, command.LoadHosts, command.SshOption, command.DeployRoot);
        if (hostRequest.AnyHost)
        {
            await RunFromHostsAsync(kernel, hostRequest, spec, name, note, context);
            return;
        }

        var progress = context.Display(new HtmlString(ProgressHtml(spec, null)), "text/html");
        var reporter = new Progress<LoadProgress>(p => progress.Update(new HtmlString(ProgressHtml(spec, p))));
        await using var sampler = server is null ? null : ProcessTreeSampler.Start(server.Pid, TimeSpan.FromMilliseconds(250));

        // The engine runs in a child `perfnb load` process: the kernel's threads, collections and memory stay
        // out of the generator's figures, and the child stops if the kernel dies.
        var runner = new OutOfProcessLoadRunner { CliPath = ToolsFolder.PerfnbDll };
        var result = await runner.RunAsync(spec, reporter, context.CancellationToken);
        IReadOnlyList<ResourceSample>? samples = sampler?.Samples.ToArray();
        var interrupted = context.CancellationToken.IsCancellationRequested;
        if (!interrupted && result.Summary.Requests == 0 && result.Errors.Connect > 0)
        {
            progress.Update(new HtmlString(""));
            throw new PerfNotebooksException($"{spec.Url.GetLeftPart(UriPartial.Authority)} refused every connection ({result.Errors.Connect} connect errors): is a server listening there? Start one with #!pyserver start STACK.");
        }
        if (interrupted) note = $"interrupted after {result.Summary.DurationSeconds:0.0} s: partial result.";

        progress.Update(new HtmlString(LoadResultView.Render(result, name, samples, note)));
        KernelCharts.ShowSafely(context, () => LoadResultView.Charts(result));
        if (name is not null) await VariableBinder.BindAsync(kernel, name, result);
        context.CancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// The load from hosts (--load-hosts, each with its share, started together, merged) or from here at a server
    /// on a host (--server-host: a loopback URL means that host). No live progress: the hosts report at the end.
    /// </summary>
    private static async Task RunFromHostsAsync(Kernel kernel, PerfNotebooks.Hosts.HostRequest request, LoadSpec spec, string? name, string? note, KernelInvocationContext context)
    {
        var progress = context.Display(new HtmlString(Html.Block("load: reaching the hosts", $"<div>{Html.E(request.LoadHosts ?? request.ServerHost ?? "")}</div>")), "text/html");
        await using var hosts = await HostArgs.OpenAsync(request with { ServerHost = null }, context.CancellationToken);
        if (request.ServerHost is not null) spec = spec with { Url = PerfNotebooks.Hosts.HostAddress.Parse(request.ServerHost).OnThisHost(spec.Url) };
        LoadResult result;
        var perHost = "";
        if (hosts.LoadSite() is { } site)
        {
            progress.Update(new HtmlString(Html.Block("load: running on the hosts", $"<div>{Html.E($"{spec.Url} · {spec.Connections} connections over {site.Name}")}</div>")));
            var measured = await site.RunAsync(spec, null, context.CancellationToken);
            result = measured.Merged;
            perHost = string.Join("; ", measured.PerHost.Select(h => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{h.Host}: {h.Result.Summary.Requests} requests, {h.Result.Summary.RequestsPerSecond:0} req/s, clock offset {h.Clock.Offset.TotalMilliseconds:0.0} ± {h.Clock.ErrorBound.TotalMilliseconds:0.0} ms")));
        }
        else
        {
            result = await new OutOfProcessLoadRunner { CliPath = ToolsFolder.PerfnbDll }.RunAsync(spec, null, context.CancellationToken);
        }
        progress.Update(new HtmlString(LoadResultView.Render(result, name, null, string.Join(" ", new[] { note, perHost.Length > 0 ? "per host: " + perHost : null }.OfType<string>()))));
        if (name is not null) await VariableBinder.BindAsync(kernel, name, result);
    }

    /// <summary>Stored mode: the stored cell nearest to this load (same stack, endpoint and load model), shown as if measured, and said so.</summary>
    private static async Task ShowStoredAsync(Kernel kernel, NotebookServers servers, LoadMagicCommand command, string? name, KernelInvocationContext context)
    {
        var target = command.Target!;
        if (target.Contains("://", StringComparison.Ordinal) || !servers.TryGetStored(target, out var spec))
            throw new PerfNotebooksException($"stored mode ({StoredMode.Variable}): '{target}' is not a server this notebook started with #!pyserver start, so no stored cell answers it; run without {StoredMode.Variable} to measure.");
        var endpoint = command.Endpoint ?? "/plaintext";
        // The same reading of -c, --rate, --profile and --rooms as a measured load (the URL only says http or ws:
        // the stored run answers).
        var load = new LoadRequest
        {
            Url = OnServer(new Uri("http://127.0.0.1/"), endpoint).ToString(), Connections = command.C, Rate = command.Rate,
            Profile = command.Profile, Rooms = command.Rooms, Names = OptionNames,
        }.ToSpec();
        var query = new StoredLoadQuery
        {
            Stack = spec.Name, Endpoint = endpoint, Workers = spec.Workers,
            Model = load.IsOpenLoop ? Experiments.LoadModel.ConstantRate : Experiments.LoadModel.ClosedLoop,
            Level = load.Profile?.PeakRate ?? load.EffectiveRate ?? load.Connections,
            Profile = load.Profile, Rooms = load.WebSocket?.Rooms,
        };
        var stored = Experiments.StoredLoad.Find(StoredMode.Runs, query)
            ?? throw new PerfNotebooksException($"stored mode ({StoredMode.Variable}): no stored cell of {spec.Name} on {endpoint} ({Asked(load)}) in {string.Join(", ", StoredMode.Runs.Select(r => r.Id))}; run without {StoredMode.Variable} to measure.");
        var result = stored.ToLoadResult();
        var cell = stored.Cell.Cell;
        var note = $"{StoredMode.Provenance(stored.Run)} Asked: {Asked(load)}; shown: cell {cell.Id} ({Asked(result.Spec)}, {spec.Name} with {cell.Workers} worker(s)).";
        context.Display(new HtmlString(LoadResultView.Render(result, name, stored.ServerSamples, note)), "text/html");
        KernelCharts.ShowSafely(context, () => LoadResultView.Charts(result));
        if (name is not null) await VariableBinder.BindAsync(kernel, name, result);
    }

    /// <summary>A load's kind and level in words: "32 connections", "400 req/s over 64 connections", "profile spike:..., ...".</summary>
    private static string Asked(LoadSpec load)
    {
        var level = load.Profile is { } profile ? $"profile {profile.Text}"
            : load.EffectiveRate is { } rate ? $"{Html.N(rate)} {(load.IsWebSocket ? "messages" : "req")}/s over {load.Connections} connections"
            : $"{load.Connections} connections, closed loop";
        return load.WebSocket?.Rooms is { } rooms ? $"{level}, broadcast over {rooms} rooms" : level;
    }

    /// <summary>A URL as given, or a started server's URL plus the endpoint.</summary>
    private static (Uri Url, RunningServer? Server) Resolve(NotebookServers servers, string target, string? endpoint)
    {
        if (target.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != "ws") || string.IsNullOrEmpty(uri.Host))
                throw new PerfNotebooksException($"target '{target}' is not an http:// or ws:// URL with a host; use e.g. http://127.0.0.1:8000/plaintext, ws://127.0.0.1:8000/ws/echo or a started server's name.");
            return (endpoint is null ? uri : new Uri(uri, endpoint), null);
        }
        if (servers.TryGetRemote(target, out var remote)) return (OnServer(remote.BaseUrl, endpoint), null);
        var server = servers.Find(target);
        if (server.HasExited)
            throw new PerfNotebooksException($"server '{target}' has exited; see #!pyserver logs {target}.");
        return (OnServer(server.BaseUrl, endpoint), server);
    }

    /// <summary>The endpoint on a started server: a WebSocket path (/ws/...) is loaded as ws://.</summary>
    private static Uri OnServer(Uri baseUrl, string? endpoint)
    {
        var url = new Uri(baseUrl, endpoint ?? "/plaintext");
        return url.AbsolutePath.StartsWith("/ws/", StringComparison.Ordinal) ? new UriBuilder(url) { Scheme = "ws" }.Uri : url;
    }

    private static string ProgressHtml(LoadSpec spec, LoadProgress? p)
    {
        var what = Html.E($"{spec.Url} · {spec.Connections} connections · {Duration.Format(spec.Duration)}");
        if (p is null) return Html.Block("load: starting", $"<div>{what}</div>");
        var phase = p.WarmingUp ? "warming up" : "measuring";
        var left = spec.Warmup + spec.Duration - p.Elapsed;
        return Html.Block($"load: {phase}", $"<div>{what}</div><div>{Html.N(p.CurrentRequestsPerSecond, "N0")} req/s now · {Html.N(p.Requests)} requests · {Html.N(p.Errors)} errors · {Html.N(Math.Max(0, left.TotalSeconds), "0")} s left</div>");
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
