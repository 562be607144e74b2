using HdrHistogram;
using PerfNotebooks.Experiments;
using PerfNotebooks.Hosts;
using PerfNotebooks.Load;
using PerfNotebooks.Metrics;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Core.Tests.Hosts;

/// <summary>Merging generators' results and keeping each host's row: checked on results with known contents.</summary>
public sealed class LoadResultMergerSpecs
{
    [Fact]
    public void Merged_histograms_are_added_so_percentiles_are_those_of_all_requests_together()
    {
        // One host answered 900 requests at 1 ms, the other 100 at 100 ms: the p99 of all is 100 ms,
        // which no average of the hosts' percentiles would give.
        var fast = Result(900, 1_000, seconds: 2, errors: new ErrorCounts { Read = 3, Status = new Dictionary<int, long> { [503] = 2 } });
        var slow = Result(100, 100_000, seconds: 2, errors: new ErrorCounts { Connect = 1, Status = new Dictionary<int, long> { [503] = 1, [500] = 4 } });
        var spec = new LoadSpec { Url = new Uri("http://10.0.0.2:8000/plaintext"), Connections = 8 };

        var merged = LoadResultMerger.Merge(spec, [("ssh://a", fast), ("ssh://b", slow)]);

        Assert.Same(spec, merged.Spec);
        Assert.Equal(1000, merged.Corrected.TotalCount);
        Assert.Equal(fast.Corrected.TotalCount + slow.Corrected.TotalCount, merged.Corrected.TotalCount);
        Assert.Equal(1000, merged.Summary.Requests);
        Assert.Equal(450 + 50, merged.Summary.RequestsPerSecond);
        Assert.InRange(merged.Summary.Latency.P99, 99_000, 101_000);
        Assert.InRange(merged.Summary.Latency.P50, 990, 1_010);
        Assert.Equal(3, merged.Errors.Read);
        Assert.Equal(1, merged.Errors.Connect);
        Assert.Equal(3, merged.Errors.Status[503]);
        Assert.Equal(4, merged.Errors.Status[500]);
        Assert.Equal(fast.Errors.Total + slow.Errors.Total, merged.Summary.Errors);
        Assert.Equal(fast.Client.CpuSeconds + slow.Client.CpuSeconds, merged.Client.CpuSeconds, 9);
        Assert.Equal(fast.StartedAt, merged.StartedAt);
        // Per second: requests summed, the worse p99.
        Assert.Equal([450L + 50, 450L + 50], merged.Timeline.Select(t => t.Requests));
        Assert.Equal([100_000L, 100_000L], merged.Timeline.Select(t => t.P99));
    }

    [Fact]
    public void A_saturated_generator_saturates_the_merged_result_and_says_which_host()
    {
        var busy = Result(10, 1_000, seconds: 1);
        var saturated = new LoadResult
        {
            Spec = busy.Spec, Summary = busy.Summary, Corrected = busy.Corrected, Uncorrected = busy.Uncorrected, Timeline = busy.Timeline,
            Errors = busy.Errors, Client = new ClientAudit(1.9, 9_000, 20_000, true, "send lag p99 9.0 ms"), StartedAt = busy.StartedAt,
        };

        var merged = LoadResultMerger.Merge(busy.Spec, [("ssh://a", Result(10, 1_000, seconds: 1)), ("ssh://b", saturated)]);

        Assert.True(merged.Client.Saturated);
        Assert.Equal("ssh://b: send lag p99 9.0 ms", merged.Client.SaturationReason);
        Assert.Equal(9_000, merged.Client.SendLagP99Us);
    }

    [Theory]
    [InlineData(32, 2, new[] { 16, 16 })]
    [InlineData(5, 2, new[] { 3, 2 })]
    [InlineData(1, 3, new[] { 1, 0, 0 })]
    [InlineData(7, 3, new[] { 3, 2, 2 })]
    public void A_load_level_is_shared_out_so_the_hosts_together_offer_it(int connections, int hosts, int[] expected)
    {
        var spec = new LoadSpec { Url = new Uri("http://10.0.0.2:8000/"), Connections = connections, Rate = 1000, Requests = 1001 };

        var shares = LoadShares.Split(spec, hosts);

        Assert.Equal(expected, shares.Select(s => s?.Connections ?? 0));
        Assert.Equal(1000, shares.Sum(s => s?.Rate ?? 0), 6);
        Assert.Equal(1001, shares.Sum(s => s?.Requests ?? 0));
    }

    [Fact]
    public void Each_load_hosts_row_is_stored_beside_its_cells_row_and_read_back_with_it()
    {
        using var folder = new TempFolder();
        var plan = SyntheticRun.Plan(stacks: 1, levels: [8], reps: 1, endpoints: ["/plaintext"]);
        using var session = RunStore.Create(folder.Path, plan, SyntheticRun.Environment(), "per-host");
        var cell = SyntheticRun.Cell(plan.Cells()[0]);
        var a = cell with { Host = "ssh://bench@a", Summary = cell.Summary with { Requests = 600 }, Timeline = [] };
        var b = cell with { Host = "ssh://bench@b:2222", Summary = cell.Summary with { Requests = 400 }, Timeline = [] };
        var topology = new RunTopology
        {
            ServerHost = new HostEnvironment { Address = "ssh://bench@s", Clock = new ClockOffset(TimeSpan.FromMilliseconds(1.5), TimeSpan.FromMilliseconds(0.2), TimeSpan.FromMilliseconds(0.4), 16, DateTimeOffset.UnixEpoch) },
            LoadHosts = [new HostEnvironment { Address = "ssh://bench@a" }, new HostEnvironment { Address = "ssh://bench@b:2222" }],
            ServerBindAddress = "10.0.0.2",
        };
        session.SetTopology(topology);

        session.Append(cell with { PerHost = [a, b] });

        var run = RunStore.Load(session.Directory);
        var stored = Assert.Single(run.Results);
        Assert.Equal("", stored.Host);
        Assert.Equal(["ssh://bench@a", "ssh://bench@b:2222"], stored.PerHost.Select(h => h.Host));
        Assert.Equal([600L, 400L], stored.PerHost.Select(h => h.Summary.Requests));
        Assert.Equal(1 + 3, File.ReadAllLines(Path.Combine(session.Directory, RunFiles.Results)).Length); // header, the cell, its two hosts
        Assert.Equal("ssh://bench@s", run.Info.Topology!.ServerHost!.Address);
        Assert.Equal(TimeSpan.FromMilliseconds(1.5), run.Info.Topology.ServerHost.Clock!.Offset);
        var html = File.ReadAllText(HtmlReport.Write(run));
        Assert.Contains("id=\"topology\"", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode("1.500 ms ± 0.200 ms"), html, StringComparison.Ordinal);
        Assert.Contains("ssh://bench@b:2222", html, StringComparison.Ordinal);
    }

    private static LoadResult Result(int requests, long latencyUs, double seconds, ErrorCounts? errors = null)
    {
        var corrected = new LongHistogram(1, 3_600_000_000, 3);
        corrected.RecordValueWithCount(latencyUs, requests);
        var perSecond = (long)(requests / seconds);
        return new LoadResult
        {
            Spec = new LoadSpec { Url = new Uri("http://10.0.0.2:8000/plaintext"), Connections = 4 },
            Summary = new LoadSummary(requests, seconds, requests / seconds, LatencyPercentiles.From(corrected), (errors ?? ErrorCounts.None).Total),
            Corrected = corrected,
            Uncorrected = corrected.Copy(),
            Timeline = [.. Enumerable.Range(0, (int)seconds).Select(s => new TimelineSecond(s, perSecond, 0, latencyUs, latencyUs))],
            Errors = errors ?? ErrorCounts.None,
            Client = new ClientAudit(0.25, 100, 200, false, null),
            StartedAt = DateTimeOffset.UnixEpoch.AddSeconds(latencyUs),
        };
    }
}
