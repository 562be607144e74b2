using System.Globalization;
using System.Text;
using PerfNotebooks.Hosts;
using PerfNotebooks.Load;

namespace PerfNotebooks.Cli;

/// <summary>
/// <c>perfnb load URL --load-hosts ...</c>: the load from other machines, each running the deployed
/// <c>perfnb load --json</c> with its share of the connections, started together; the merged result is
/// printed as the local one would be, then one line (or JSON line) per host.
/// </summary>
internal static class LoadAcrossHosts
{
    public static async Task<int> RunAsync(
        LoadSpec spec, IReadOnlyList<HostAddress> loadHosts, HostSetup setup, LoadThresholds thresholds,
        bool asJson, string? hgrmPath, string? hlogPath, CancellationToken cancellationToken)
    {
        using var stop = StopSignals.Take(cancellationToken);

        await using var topology = await HostOptions.OpenAsync(null, loadHosts, setup, stop.Token);
        var site = topology.LoadSite()!;
        if (!asJson) Console.Out.WriteLine(LoadTextOutput.Header(spec) + $" from {site.Name}");
        SiteLoadResult measured;
        try
        {
            measured = await site.RunAsync(spec, null, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The generators were stopped; a run across hosts that was cut short has no merged result.
            Console.Error.WriteLine("perfnb: cancelled; the load hosts' generators were stopped.");
            return 130;
        }
        var merged = measured.Merged;

        if (hgrmPath is not null)
        {
            await using var writer = new StreamWriter(hgrmPath);
            LoadResultFiles.WriteHgrm(merged, writer);
        }
        if (hlogPath is not null)
        {
            await using var stream = File.Create(hlogPath);
            LoadResultFiles.WriteHlog(merged, stream);
        }

        if (asJson)
        {
            // The merged result first, in the one shape every reader of perfnb load --json knows; then one line per host.
            Console.Out.WriteLine(LoadResultJson.Serialize(merged, indented: false));
            foreach (var host in measured.PerHost) Console.Out.WriteLine(HostLine(host));
        }
        else
        {
            Console.Out.Write(LoadTextOutput.Summary(merged));
            foreach (var host in measured.PerHost) Console.Out.WriteLine(HostText(host));
        }

        var failures = thresholds.Failures(merged);
        foreach (var failure in failures) Console.Error.WriteLine("perfnb: " + failure);
        return failures.Count == 0 ? 0 : LoadCommand.ThresholdExitCode;
    }

    private static string HostText(HostLoadResult host)
    {
        var r = host.Result;
        return string.Create(CultureInfo.InvariantCulture,
            $"  {host.Host}: {r.Spec.Connections} connections, {r.Summary.Requests} requests, {r.Summary.RequestsPerSecond:0} req/s, p99 {r.Summary.Latency.P99 / 1000.0:0.00} ms, {r.Errors.Total} errors; start {host.StartSkew.TotalMilliseconds:+0;-0;0} ms from the common one, clock offset {host.Clock.Offset.TotalMilliseconds:0.0} ± {host.Clock.ErrorBound.TotalMilliseconds:0.0} ms");
    }

    private static string HostLine(HostLoadResult host)
    {
        var line = new StringBuilder();
        line.Append("{\"host\":\"").Append(host.Host.ToString().Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        line.Append(CultureInfo.InvariantCulture, $",\"clockOffsetMs\":{host.Clock.Offset.TotalMilliseconds:0.###},\"clockErrorMs\":{host.Clock.ErrorBound.TotalMilliseconds:0.###}");
        line.Append(CultureInfo.InvariantCulture, $",\"startSkewMs\":{host.StartSkew.TotalMilliseconds:0.###}");
        line.Append(",\"result\":").Append(LoadResultJson.Serialize(host.Result, indented: false)).Append('}');
        return line.ToString();
    }
}
