using System.Globalization;
using PerfNotebooks.Hosts;

namespace PerfNotebooks.Cli;

/// <summary>
/// <c>perfnb serve STACK --server-host ssh://... [--load-hosts ...]</c>: the stack served on another machine by
/// the deployed perfnb, bound to that host's address, until Ctrl-C; with load hosts (and the server on a host or
/// here, bound to the address they see this machine at), each load host checks that it reaches the server.
/// </summary>
internal static class ServeAcrossHosts
{
    public static async Task<int> RunAsync(
        Servers.StackSpec spec, HostAddress? serverHost, IReadOnlyList<HostAddress> loadHosts, HostSetup setup, bool json, CancellationToken invocationToken)
    {
        using var interrupted = StopSignals.Take(invocationToken);
        var cancellationToken = interrupted.Token;

        await using var topology = await HostOptions.OpenAsync(serverHost, loadHosts, setup, cancellationToken);
        await topology.CheckStacksAsync([spec.Name], spec.Python, cancellationToken);
        var site = topology.ServerSite(TimeSpan.FromMilliseconds(250));
        IServedStack served;
        try
        {
            served = await site.StartAsync(spec, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.WriteLine($"interrupted while starting {spec.Name}; nothing left running.");
            return 0;
        }
        await using (served)
        {
            if (json)
            {
                Console.WriteLine(new ServeEvent { Event = ServeEvent.Ready, Stack = spec.Name, Url = served.BaseUrl.ToString(), Versions = served.Versions }.ToJson());
            }
            else
            {
                Console.WriteLine($"serving {spec.Name} at {served.BaseUrl} on {site.Name}");
                if (served.Versions is { } v) Console.WriteLine($"  versions Python {v.Python}; {v.Framework}; {v.Server}");
            }
            foreach (var host in topology.Load)
                Console.WriteLine(await ReachesAsync(host, served.BaseUrl, cancellationToken));
            if (!json) Console.WriteLine("Press Ctrl-C to stop.");
            while (!cancellationToken.IsCancellationRequested && !served.HasExited)
            {
                try { await Task.Delay(200, cancellationToken); }
                catch (OperationCanceledException) { break; }
            }
            if (served.Lost is { } lost) throw lost;
            if (!cancellationToken.IsCancellationRequested)
                throw new PerfNotebooksException($"{spec.Name} on {site.Name} exited by itself. Last output: {served.OutputTail(12).Replace('\n', '|')}");
            if (!json) Console.WriteLine($"stopping {spec.Name}...");
        }
        if (!json) Console.WriteLine($"stopped {spec.Name}.");
        return 0;
    }

    /// <summary>Whether a load host reaches the server: five requests from there with its deployed perfnb.</summary>
    private static async Task<string> ReachesAsync(SshHost host, Uri url, CancellationToken cancellationToken)
    {
        var target = new Uri(url, "/plaintext").ToString();
        var result = await host.Connection.RunAsync([host.Perfnb.Executable, "load", target, "-n", "5", "-c", "1", "--json"], cancellationToken);
        try
        {
            var answer = Load.LoadResultJson.Deserialize(result.StandardOutput.Trim().Split('\n')[^1]);
            return string.Create(CultureInfo.InvariantCulture,
                $"  reachable from {host.Address}: {(answer.Successes > 0 ? "yes" : "no")} ({answer.Successes} of 5 requests answered 2xx)");
        }
        catch (PerfNotebooksException)
        {
            return $"  reachable from {host.Address}: no ({result.LastErrorLine})";
        }
    }
}
