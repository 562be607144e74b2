using System.Diagnostics;
using System.Globalization;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Benchmarks;

/// <summary>
/// <c>perfnb-bench servers</c>: start-to-ready and stop times per stack, a few repetitions each.
/// Start-to-ready runs from the launch call (installation check already cached) to the first 200 from
/// GET /plaintext; stop from the graceful signal until no process of the tree is left in /proc. Both depend
/// on what else runs on the machine; the CPU seconds the tree used until ready depend much less on it.
/// </summary>
internal static class ServerStartupBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<StackSpec> specs, int repeat, CancellationToken cancellationToken)
    {
        // Warm the installation probe so that it does not count in the first start.
        await StackInstallationCheck.CheckAllAsync(specs, cancellationToken);
        static string Ms(double v) => v.ToString("0", CultureInfo.InvariantCulture);
        Console.WriteLine(
            $"{"STACK",-24} {"WORKERS",7} {"READY med",9} {"min",6} {"max",6} {"STOP med",9} {"min",6} {"max",6} {"CPU to ready",12}  (ms, {repeat.ToString(CultureInfo.InvariantCulture)} runs; CPU: median of the tree's user+system)");
        foreach (var spec in specs)
        {
            var ready = new List<double>();
            var stop = new List<double>();
            var cpu = new List<double>();
            string? error = null;
            for (var i = 0; i < repeat && error is null; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                RunningServer server;
                try
                {
                    server = await ServerLauncher.StartAsync(spec, cancellationToken);
                }
                catch (PerfNotebooksException e)
                {
                    error = e.Message;
                    break;
                }
                ready.Add(clock.Elapsed.TotalMilliseconds);
                await using (var sampler = server.StartSampler())
                {
                    var sample = sampler.Latest;
                    cpu.Add((sample.CpuUserSeconds + sample.CpuSystemSeconds) * 1000);
                }
                clock.Restart();
                await server.StopAsync();
                stop.Add(clock.Elapsed.TotalMilliseconds);
                await server.DisposeAsync();
            }
            if (error is not null)
            {
                Console.WriteLine($"{spec.Name,-24} failed: {error}");
                continue;
            }
            ready.Sort();
            stop.Sort();
            cpu.Sort();
            Console.WriteLine(
                $"{spec.Name,-24} {spec.Workers,7} {Ms(Median(ready)),9} {Ms(ready[0]),6} {Ms(ready[^1]),6} {Ms(Median(stop)),9} {Ms(stop[0]),6} {Ms(stop[^1]),6} {Ms(Median(cpu)),12}");
        }
        return 0;
    }

    private static double Median(List<double> sorted)
        => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
