#!/usr/bin/env dotnet
// What notebooks/02-seed-comparison.ipynb does, as a .NET 10 file-based app: no notebook kernel needed.
//   dotnet run examples/seed-comparison.cs                renders the stored reference run (data/runs/seed-reference), as the notebook does
//   dotnet run examples/seed-comparison.cs -- --measure   measures the seed plan on this machine (~15 min; PERFNB_QUICK=1: ~3 min)
//   -- --out DIR                                          where runs and reports go (default examples/out)
// Either way it prints the verdicts and the claims checked, and writes report.html and report.md (charts as SVG files beside it).
#:project ../src/PerfNotebooks.Core/PerfNotebooks.Core.csproj
#:property PublishAot=false
#:property InvariantGlobalization=true

using PerfNotebooks.Experiments;
using PerfNotebooks.Load;
using PerfNotebooks.Reporting;

var here = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Directory.GetCurrentDirectory();
var outDir = Path.GetFullPath(args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine(here, "out"));
var stored = Path.GetFullPath(Path.Combine(here, "..", "data", "runs", "seed-reference"));

RunRecord run;
if (!args.Contains("--measure") && File.Exists(Path.Combine(stored, RunFiles.RunJson)))
{
    // #!compare --preset seed --stored seed-reference --name seed
    run = RunStore.Load(stored);
    Console.WriteLine($"rendered from the stored run {run.Id} (measured {run.Info.Environment.StartedAt:yyyy-MM-dd} on {run.Info.Environment.CpuModel}); --measure measures again.");
    outDir = Path.Combine(outDir, run.Id);
}
else
{
    // #!compare --preset seed --name seed: every cell starts its server fresh, warms it up, measures, stops it.
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
    var plan = PlanPresets.Get("seed");
    using var session = RunStore.Create(outDir, plan, await EnvironmentProbe.CaptureAsync(cancellationToken: cancel.Token));
    Console.WriteLine($"run {session.Id}: plan '{plan.Name}', {plan.Cells().Count} cells{(PlanPresets.QuickModeRequested ? " (quick mode)" : "")}, stored in {session.Directory}");
    var progress = new Progress<ExperimentProgress>(p =>
    {
        if (p.Phase == ExperimentPhase.CellDone) Console.WriteLine($"[{p.CellNumber}/{p.CellCount}] {p.Cell.Id}{(p.Finished is { } f ? $": {Numbers.Rps(f.Summary.RequestsPerSecond)} req/s, p99 {Numbers.Ms(f.Summary.Latency.P99 / 1000.0)} ms" : "")}");
    });
    await new ExperimentRunner(InProcessLoadRunner.Instance).RunAsync(session, progress, cancel.Token);
    run = session.ToRecord();
    outDir = run.Directory;
}

// The verdicts and the classic claims, as the notebook's tables show them.
// One computation (RunConclusions): the same verdicts and claims as report.html, verdicts.csv and claims.csv.
var analysis = RunAnalysis.Of(run);
var conclusions = RunConclusions.Of(analysis);
Console.WriteLine("\nVerdicts");
foreach (var v in conclusions.Verdicts)
    Console.WriteLine($"  {v.Dimension}, {v.Condition}: {v.InWords()}");
Console.WriteLine("\nThe classic claims, checked");
foreach (var c in conclusions.Claims)
    Console.WriteLine($"  [{c.Outcome}] {c.Claim}\n      {c.Evidence}");

// seed.ToDataFrame(), with numbers people read (the frame itself keeps full precision).
Console.WriteLine();
Console.Write(DisplayFrames.ToText(ResultFrames.Conditions(analysis), maxRows: 12));

Directory.CreateDirectory(outDir);
Console.WriteLine($"report: {HtmlReport.Write(analysis, conclusions, Path.Combine(outDir, RunFiles.Report))}");
Console.WriteLine($"write-up: {MarkdownReport.Write(analysis, conclusions, Path.Combine(outDir, MarkdownReport.FileName))}");
