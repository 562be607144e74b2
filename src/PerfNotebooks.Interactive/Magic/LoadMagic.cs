using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using PerfNotebooks.Interactive.Charts;
using PerfNotebooks.Interactive.Formatting;
using PerfNotebooks.Load;
using PerfNotebooks.Metrics;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!load TARGET</c>: drives load at a URL or a started server, shows and binds the result.</summary>
internal static class LoadMagic
{
    /// <summary>In quick mode (PERFNB_QUICK=1, what CI runs) a load lasts at most this long.</summary>
    internal static readonly TimeSpan QuickDuration = TimeSpan.FromSeconds(2);

    public static void Register(Kernel kernel, NotebookServers servers)
    {
        var load = new KernelActionDirective("#!load") { Description = "Drive HTTP load at a URL or a started server; binds the result to a C# variable" };
        load.Parameters.Add(new KernelDirectiveParameter("--target", "A URL, or the name of a server started with #!pyserver start") { AllowImplicitName = true, Required = true }
            .AddCompletions(() => servers.Names));
        load.Parameters.Add(new KernelDirectiveParameter("-c", "Connections (default 32)"));
        load.Parameters.Add(new KernelDirectiveParameter("-d", "Duration: 500ms, 10s, 2m (default 10s)"));
        load.Parameters.Add(new KernelDirectiveParameter("--rate", "Constant rate in requests/s over all connections (default: closed loop)"));
        load.Parameters.Add(new KernelDirectiveParameter("--warmup", "Unrecorded warm-up first, e.g. 1s"));
        load.Parameters.Add(new KernelDirectiveParameter("--endpoint", "Path on a started server (default /plaintext)")
            .AddCompletions(() => ["/plaintext", "/json", "/io?ms=10", "/cpu?n=1000", "/bytes?size=1024"]));
        load.Parameters.Add(new KernelDirectiveParameter("--name", "C# variable for the result"));

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
        var spec = new LoadSpec
        {
            Url = url,
            Connections = Args.Int(command.C, "-c", 1, 100_000) ?? 32,
            Duration = Args.Duration(command.D, "-d") ?? TimeSpan.FromSeconds(10),
            Rate = Args.Positive(command.Rate, "--rate"),
            Warmup = Args.Duration(command.Warmup, "--warmup") ?? TimeSpan.Zero,
        };
        if (spec.Duration <= TimeSpan.Zero) throw new PerfNotebooksException($"-d '{command.D}' is not accepted; use a duration above zero: {Duration.AcceptedForms}.");
        string? note = null;
        if (QuickMode.On && (spec.Duration > QuickDuration || spec.Warmup > QuickDuration / 4))
        {
            spec = spec with { Duration = Min(spec.Duration, QuickDuration), Warmup = Min(spec.Warmup, QuickDuration / 4) };
            note = $"quick mode (PERFNB_QUICK=1): ran {Duration.Format(spec.Duration)} with {Duration.Format(spec.Warmup)} warm-up.";
        }

        var progress = context.Display(new HtmlString(ProgressHtml(spec, null)), "text/html");
        var reporter = new Progress<LoadProgress>(p => progress.Update(new HtmlString(ProgressHtml(spec, p))));
        await using var sampler = server is null ? null : ProcessTreeSampler.Start(server.Pid, TimeSpan.FromMilliseconds(250));

        // The engine runs in a child `perfnb load` process started with inline socket completions: as lean
        // as the CLI. The kernel's own process was not started that way.
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

    /// <summary>Stored mode: the stored cell nearest to this load (same stack, endpoint and load model), shown as if measured, and said so.</summary>
    private static async Task ShowStoredAsync(Kernel kernel, NotebookServers servers, LoadMagicCommand command, string? name, KernelInvocationContext context)
    {
        var target = command.Target!;
        if (target.Contains("://", StringComparison.Ordinal) || !servers.TryGetStored(target, out var spec))
            throw new PerfNotebooksException($"stored mode ({StoredMode.Variable}): '{target}' is not a server this notebook started with #!pyserver start, so no stored cell answers it; run without {StoredMode.Variable} to measure.");
        var endpoint = command.Endpoint ?? "/plaintext";
        var rate = Args.Positive(command.Rate, "--rate");
        var connections = Args.Int(command.C, "-c", 1, 100_000) ?? 32;
        var model = rate is null ? Experiments.LoadModel.ClosedLoop : Experiments.LoadModel.ConstantRate;
        var stored = Experiments.StoredLoad.Find(StoredMode.Runs, spec.Name, endpoint, model, rate ?? connections, spec.Workers)
            ?? throw new PerfNotebooksException($"stored mode ({StoredMode.Variable}): no stored cell of {spec.Name} on {endpoint} ({(rate is null ? "closed loop" : "constant rate")}) in {string.Join(", ", StoredMode.Runs.Select(r => r.Id))}; run without {StoredMode.Variable} to measure.");
        var result = stored.ToLoadResult();
        var cell = stored.Cell.Cell;
        var asked = rate is null ? $"{connections} connections" : $"{Html.N(rate.Value)} req/s";
        var shown = cell.Rate is { } r ? $"{Html.N(r)} req/s over {cell.Connections} connections" : $"{cell.Connections} connections";
        var note = $"{StoredMode.Provenance(stored.Run)} Asked: {asked}; shown: cell {cell.Id} ({shown}, {spec.Name} with {cell.Workers} worker(s)).";
        context.Display(new HtmlString(LoadResultView.Render(result, name, stored.ServerSamples, note)), "text/html");
        KernelCharts.ShowSafely(context, () => LoadResultView.Charts(result));
        if (name is not null) await VariableBinder.BindAsync(kernel, name, result);
    }

    /// <summary>A URL as given, or a started server's URL plus the endpoint.</summary>
    private static (Uri Url, RunningServer? Server) Resolve(NotebookServers servers, string target, string? endpoint)
    {
        if (target.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || string.IsNullOrEmpty(uri.Host))
                throw new PerfNotebooksException($"target '{target}' is not an http:// URL with a host; use e.g. http://127.0.0.1:8000/plaintext or a started server's name.");
            return (endpoint is null ? uri : new Uri(uri, endpoint), null);
        }
        var server = servers.Find(target);
        if (server.HasExited)
            throw new PerfNotebooksException($"server '{target}' has exited; see #!pyserver logs {target}.");
        return (new Uri(server.BaseUrl, endpoint ?? "/plaintext"), server);
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
