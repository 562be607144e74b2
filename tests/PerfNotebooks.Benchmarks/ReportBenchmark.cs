using System.Diagnostics;
using System.Globalization;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;
using PerfNotebooks.Servers;
using PerfNotebooks.Testing;

namespace PerfNotebooks.Benchmarks;

/// <summary>
/// <c>perfnb-bench report</c>: the report and run-store benchmark of docs/benchmarks-report.md.
/// Stores a synthetic 100-cell run (5 stacks x 2 endpoints x 5 levels x 2 repetitions, each cell with a
/// 5-second timeline, 24 resource samples and two histograms of 20,000 recorded values: the size of a
/// real cell) into a temporary folder, timing the store per cell, then loads it and renders the report,
/// timing each step. Synthetic data: this measures the toolkit, not a server.
/// </summary>
internal static class ReportBenchmark
{
    public static int Run()
    {
        var root = Path.Combine(Path.GetTempPath(), "perfnb-report-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var stacks = new[] { "flask-gunicorn", "starlette-uvicorn", "tornado", "aiohttp", "django-gunicorn" }
                .Select(n => new StackSpec { Name = n, App = n.Split('-')[0], Server = n.Contains('-') ? n.Split('-')[1] : n, Workers = 2 }).ToArray();
            var plan = new ExperimentPlan
            {
                Name = "bench",
                Matrices = [new PlanMatrix { Label = "bench", Stacks = stacks, Endpoints = ["/plaintext", "/io?ms=10"], Levels = [1, 8, 32, 128, 256] }],
                Repetitions = 2,
                Duration = TimeSpan.FromSeconds(5),
            };
            var cells = plan.Cells();
            var environment = new EnvironmentInfo { CpuModel = "bench", Cores = Environment.ProcessorCount, StartedAt = DateTimeOffset.UtcNow };
            using var session = RunStore.Create(root, plan, environment);
            var random = new Random(1);
            var appendTimes = new List<double>();
            foreach (var cell in cells)
            {
                var result = SyntheticRun.RealSizedCell(cell, random);
                var sw = Stopwatch.StartNew();
                session.Append(result);
                appendTimes.Add(sw.Elapsed.TotalMilliseconds);
            }
            session.SetStatus(RunStatus.Complete);

            var load = Stopwatch.StartNew();
            var record = RunStore.Load(session.Directory);
            var loadMs = load.Elapsed.TotalMilliseconds;
            var render = Stopwatch.StartNew();
            var html = HtmlReport.Render(record);
            var renderMs = render.Elapsed.TotalMilliseconds;
            var write = Stopwatch.StartNew();
            var path = HtmlReport.Write(record);
            var writeMs = write.Elapsed.TotalMilliseconds;
            var size = new FileInfo(path).Length;
            var folder = Directory.EnumerateFiles(session.Directory, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(RunFiles.Report, StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length);
            var plotly = PlotlyJs.Code.Length;

            string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
            Console.Out.WriteLine($"cells: {cells.Count.ToString(CultureInfo.InvariantCulture)}");
            Console.Out.WriteLine($"store per cell: mean {F(appendTimes.Average())} ms, first {F(appendTimes[0])} ms, last {F(appendTimes[^1])} ms, total {F(appendTimes.Sum())} ms (every file rewritten atomically per cell)");
            Console.Out.WriteLine($"run folder without report: {(folder / 1024.0).ToString("0", CultureInfo.InvariantCulture)} KiB");
            Console.Out.WriteLine($"load run: {F(loadMs)} ms");
            Console.Out.WriteLine($"render report (first, includes chart set-up): {F(renderMs)} ms; render + write again: {F(writeMs)} ms");
            Console.Out.WriteLine($"report.html: {(size / 1e6).ToString("0.00", CultureInfo.InvariantCulture)} MB, of which plotly.js {(plotly / 1e6).ToString("0.00", CultureInfo.InvariantCulture)} MB; {html.Length.ToString(CultureInfo.InvariantCulture)} chars");
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}
