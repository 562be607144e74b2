using System.Globalization;
using PerfNotebooks.Load;

namespace PerfNotebooks.Hosts;

/// <summary>
/// Load from one or more hosts over SSH. Each runs the deployed <c>perfnb load --json</c> with its share of the
/// connections and rate (<see cref="LoadShares"/>) against the server's address, all told to start at one
/// wall-clock time (<see cref="StartLead"/> from now, translated to each host's clock by its measured offset);
/// their JSON results, histograms included, are merged (<see cref="LoadResultMerger"/>). A host lost during the
/// run fails it with the host named, after the others' generators are stopped.
/// </summary>
public sealed class SshLoadSite(IReadOnlyList<SshHost> hosts) : ILoadSite
{
    /// <summary>The load hosts.</summary>
    public IReadOnlyList<SshHost> Hosts { get; } = hosts.Count > 0 ? hosts : throw new ArgumentException("at least one load host", nameof(hosts));

    /// <summary>
    /// How far ahead the common start is set: time for every host's generator to start and wait. Too short, and a
    /// slow host starts late (its result's start says by how much).
    /// </summary>
    public TimeSpan StartLead { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Beyond its planned end, how long a generator may take to answer before its host counts as lost.</summary>
    public TimeSpan AnswerGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public string Name => string.Join(", ", Hosts.Select(h => h.Address));

    /// <inheritdoc />
    public async Task<SiteLoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        LoadSpecRules.Validate(spec);
        var shares = LoadShares.Split(spec, Hosts.Count);
        var startAt = DateTimeOffset.UtcNow + StartLead;
        var running = new List<(SshHost Host, Task<RemoteProcess> Start)>();
        for (var i = 0; i < Hosts.Count; i++)
        {
            if (shares[i] is not { } share) continue;
            var host = Hosts[i];
            running.Add((host, RemoteProcess.StartAsync(host.Connection, RemoteLoadArguments.For(host.Perfnb.Executable, share, host.Clock.ToRemote(startAt)),
                cancellationToken: cancellationToken)));
        }
        try
        {
            await Task.WhenAll(running.Select(r => r.Start)).ConfigureAwait(false);
        }
        catch
        {
            await StopAllAsync(running).ConfigureAwait(false);
            throw;
        }

        var planned = StartLead + spec.Warmup + (spec.Requests is null ? spec.Duration : TimeSpan.FromHours(1)) + spec.Timeout + AnswerGrace;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(planned);
        var results = new List<HostLoadResult>();
        try
        {
            var pending = running.ToDictionary(r => r.Start.Result.Completion, r => r.Host);
            while (pending.Count > 0)
            {
                var done = await Task.WhenAny(pending.Keys).WaitAsync(deadline.Token).ConfigureAwait(false);
                var host = pending[done];
                pending.Remove(done);
                results.Add(new HostLoadResult(host.Address, Read(host, await done.ConfigureAwait(false)), startAt, host.Clock));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var silent = running.First(r => !r.Start.Result.Completion.IsCompleted).Host;
            throw new HostLostException(silent.Address, $"its load generator gave no result within {planned.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s of the start");
        }
        finally
        {
            await StopAllAsync(running).ConfigureAwait(false);
        }

        var ordered = Hosts.Select(h => results.FirstOrDefault(r => r.Host == h.Address)).OfType<HostLoadResult>().ToList();
        var merged = LoadResultMerger.Merge(spec, [.. ordered.Select(r => (r.Host.ToString(), r.Result))]);
        return new SiteLoadResult(merged, ordered);
    }

    /// <summary>The result a host's generator printed, or why there is none.</summary>
    private static LoadResult Read(SshHost host, RemoteCommandResult result)
    {
        // 0: passed; 1: no request succeeded (still a result). Anything else printed no result.
        var json = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        if (result.ExitCode is 0 or 1 && json is not null)
        {
            try
            {
                return LoadResultJson.Deserialize(json);
            }
            catch (PerfNotebooksException e)
            {
                throw new HostException(host.Address, $"the load generator on {host.Address} answered with something that is not a result: {e.Message}");
            }
        }
        if (result.ExitCode == 2)
        {
            var reason = result.LastErrorLine.StartsWith("perfnb: ", StringComparison.Ordinal) ? result.LastErrorLine["perfnb: ".Length..] : result.LastErrorLine;
            throw new PerfNotebooksException($"the load generator on {host.Address} refused the load: {reason}");
        }
        // The session ended without a result: ssh failed (255), the process was killed, or its input closed early.
        throw new HostLostException(host.Address, result.LastErrorLine.Length > 0
            ? $"its load generator ended without a result: {result.LastErrorLine}"
            : $"its load generator ended without a result (exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)})");
    }

    private static async Task StopAllAsync(IEnumerable<(SshHost Host, Task<RemoteProcess> Start)> running)
    {
        var stops = running.Where(r => r.Start.IsCompletedSuccessfully && !r.Start.Result.Completion.IsCompleted)
            .Select(r => r.Start.Result.StopAsync(TimeSpan.FromSeconds(5)));
        await Task.WhenAll(stops).ConfigureAwait(false);
    }
}
