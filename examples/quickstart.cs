#!/usr/bin/env dotnet
// What notebooks/01-quickstart.ipynb does, as a .NET 10 file-based app: no notebook kernel needed.
//   dotnet run examples/quickstart.cs                 start a server, load it, print the result, write the charts
//   dotnet run examples/quickstart.cs -- --out DIR    where the write-up goes (default examples/out/quickstart)
// PERFNB_QUICK=1 shortens the load to 2 s (what CI runs).
#:project ../src/PerfNotebooks.Core/PerfNotebooks.Core.csproj
#:property PublishAot=false
#:property InvariantGlobalization=true

using PerfNotebooks.Experiments;
using PerfNotebooks.Load;
using PerfNotebooks.Reporting;
using PerfNotebooks.Servers;

var quick = PlanPresets.QuickModeRequested;
var outDir = Path.GetFullPath(args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault()
    ?? Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "out", "quickstart"));

// #!pyserver start starlette-uvicorn --name web
await using var web = await ServerLauncher.StartAsync(StackCatalog.Get("starlette-uvicorn"));
Console.WriteLine($"started {web.Spec.Name} ({web.Spec.Workers} workers) at {web.BaseUrl}, PIDs {string.Join(", ", web.ProcessIds())}");

// #!load web -c 32 -d 5s --warmup 1s --name result
await using var sampler = web.StartSampler();
var result = await LoadEngine.RunAsync(new LoadSpec
{
    Url = new Uri(web.BaseUrl, "/plaintext"),
    Connections = 32,
    Duration = TimeSpan.FromSeconds(quick ? 2 : 5),
    Warmup = TimeSpan.FromSeconds(quick ? 0.25 : 1),
});
var server = sampler.Samples.ToArray();

// The result, read in C#: numbers as the notebook prints them.
var s = result.Summary;
Console.WriteLine($"{Numbers.Whole(s.Requests)} requests, {Numbers.Rps(s.RequestsPerSecond)} req/s, p50 {Numbers.Ms(s.Latency.P50 / 1000.0)} ms, p99 {Numbers.Ms(s.Latency.P99 / 1000.0)} ms, errors {Numbers.Whole(s.Errors)}, generator CPU {result.Client.CpuSeconds:0.00} s");
if (server.Length > 0)
    Console.WriteLine($"server: CPU {Numbers.Percent(server.Where(x => x.CpuPercent > 0).Select(x => x.CpuPercent).DefaultIfEmpty(0).Average())} % of one core, PSS {Numbers.Significant(server.Max(x => x.PssBytes) / 1e6, 3)} MB, {server.Max(x => x.ProcessCount)} processes");
Console.WriteLine(DisplayFrames.ToText(result.ToDataFrame()));

// The charts the notebook shows, as SVG files, and a short Markdown write-up around them.
Directory.CreateDirectory(outDir);
var md = new System.Text.StringBuilder($"# Quickstart: {web.Spec.Name}, 32 connections on /plaintext\n\n");
md.Append($"{Numbers.Whole(s.Requests)} requests, **{Numbers.Rps(s.RequestsPerSecond)} req/s**, p50 {Numbers.Ms(s.Latency.P50 / 1000.0)} ms, p99 {Numbers.Ms(s.Latency.P99 / 1000.0)} ms, {Numbers.Whole(s.Errors)} errors.\n\n");
foreach (var chart in LoadResultCharts.All(result))
{
    File.WriteAllText(Path.Combine(outDir, chart.Id + ".svg"), chart.Svg());
    md.Append($"![{chart.Title}]({chart.Id}.svg)\n\n{chart.Caption}\n\n");
}
File.WriteAllText(Path.Combine(outDir, "quickstart.md"), md.ToString());
Console.WriteLine($"write-up: {Path.Combine(outDir, "quickstart.md")}");

// #!pyserver stop web (disposing stops the whole process tree, as the notebook's kernel does on shutdown)
await web.StopAsync();
Console.WriteLine($"stopped {web.Spec.Name}");
