using System.Diagnostics;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Servers;

/// <summary>The resource sampler over a server's whole process tree.</summary>
public sealed class ProcessTreeSamplerSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task The_sampler_sees_every_worker_of_a_two_worker_gunicorn_and_cpu_time_grows_under_load()
    {
        await using var server = await ServerLauncher.StartAsync(StackCatalog.Get("flask-gunicorn") with { Workers = 2 });
        await using var sampler = ProcessTreeSampler.Start(server.Pid, TimeSpan.FromMilliseconds(100));
        var before = sampler.SampleNow();
        Assert.Equal(3, before.ProcessCount); // master + 2 workers

        // Load from the test: a few clients asking for CPU work until the tree used 0.5 CPU-seconds more
        // (a second or so on an idle machine; longer when the machine is busy), at most 20 s.
        static double Cpu(Metrics.ResourceSample s) => s.CpuUserSeconds + s.CpuSystemSeconds;
        var clock = Stopwatch.StartNew();
        var load = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(20) && Cpu(sampler.Latest) - Cpu(before) < 0.5)
                Assert.Equal(200, (await RawHttp.GetAsync(server.BaseUrl, "/cpu?n=200")).Status);
        }));
        await Task.WhenAll(load);
        var loadTime = clock.Elapsed;
        var after = sampler.SampleNow();
        var samples = sampler.Samples;

        Assert.Equal(3, after.ProcessCount);
        var cpu = Cpu(after) - Cpu(before);
        Assert.True(cpu >= 0.5, $"the tree used only {cpu} CPU seconds in {loadTime} of CPU-bound load");
        Assert.Contains(samples, s => s.CpuPercent > 20);
        Assert.True(samples.Count >= loadTime / TimeSpan.FromMilliseconds(100) / 3, $"{samples.Count} samples in {loadTime} at 100 ms");
        Assert.True(after.RssBytes > 10_000_000, $"RSS {after.RssBytes}");
        Assert.InRange(after.PssBytes, 1, after.RssBytes);
        for (var i = 1; i < samples.Count; i++)
        {
            Assert.True(samples[i].Elapsed >= samples[i - 1].Elapsed);
            Assert.True(samples[i].CpuUserSeconds >= samples[i - 1].CpuUserSeconds);
            Assert.True(samples[i].CpuSystemSeconds >= samples[i - 1].CpuSystemSeconds);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task The_cpu_of_a_worker_that_died_and_was_replaced_stays_in_the_sum()
    {
        await using var server = await ServerLauncher.StartAsync(StackCatalog.Get("wsgi-gunicorn"));
        await using var sampler = server.StartSampler(TimeSpan.FromMilliseconds(50));
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1)) await RawHttp.GetAsync(server.BaseUrl, "/cpu?n=100");
        var loaded = sampler.SampleNow();
        var workers = server.ProcessIds().Where(p => p != server.Pid).ToList();
        Assert.Equal(2, workers.Count);

        // Kill the worker that used the most CPU; gunicorn's master reaps it and boots another.
        var busiest = workers.OrderByDescending(p => ProcStat.Read(p)!.Value.UserTicks).First();
        Assert.True(Posix.Kill(busiest, Posix.SIGKILL));
        clock.Restart();
        while ((server.ProcessIds().Contains(busiest) || server.ProcessIds().Count < 3) && clock.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(50);
        Assert.DoesNotContain(busiest, server.ProcessIds());
        var replaced = sampler.SampleNow();
        Assert.Equal(3, replaced.ProcessCount);
        Assert.True(replaced.CpuUserSeconds + replaced.CpuSystemSeconds >= loaded.CpuUserSeconds + loaded.CpuSystemSeconds,
            $"CPU went down from {loaded.CpuUserSeconds + loaded.CpuSystemSeconds} to {replaced.CpuUserSeconds + replaced.CpuSystemSeconds}");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_tree_that_went_away_samples_as_empty_without_errors()
    {
        var server = await ServerLauncher.StartAsync(StackCatalog.Get("flask-waitress"));
        await using var sampler = server.StartSampler(TimeSpan.FromMilliseconds(20));
        Assert.Equal(1, sampler.SampleNow().ProcessCount);
        await server.DisposeAsync();
        await Task.Delay(100);
        var last = sampler.SampleNow();
        Assert.Equal(0, last.ProcessCount);
        Assert.Equal(0, last.RssBytes);
        ServerAssert.NothingLeft(server.Pid);
    }

    [Fact]
    public void Proc_stat_parsing_copes_with_spaces_and_parentheses_in_the_command_name()
    {
        var text = "1234 (a (weird) name) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 1 0 100 12345678 2048 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        var stat = ProcStat.Parse(1234, text)!.Value;
        Assert.Equal('S', stat.State);
        Assert.Equal(1, stat.ParentPid);
        Assert.Equal(1234, stat.ProcessGroup);
        Assert.Equal(1234, stat.Session);
        Assert.Equal(250, stat.UserTicks);
        Assert.Equal(50, stat.SystemTicks);
        Assert.Equal(7, stat.ChildUserTicks);
        Assert.Equal(3, stat.ChildSystemTicks);
        Assert.Equal(2048, stat.RssPages);
    }

    [Fact]
    public void A_sampling_interval_below_10_ms_is_refused()
    {
        var error = Assert.Throws<PerfNotebooksException>(() => ProcessTreeSampler.Start(Environment.ProcessId, TimeSpan.FromMilliseconds(1)));
        Assert.Contains("at least 10 ms", error.Message);
    }
}
