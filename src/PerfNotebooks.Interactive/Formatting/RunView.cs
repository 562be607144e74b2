using PerfNotebooks.Experiments;
using PerfNotebooks.Interactive.Charts;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Interactive.Formatting;

/// <summary>
/// A comparison (a stored run) in a notebook: what was measured where, the verdicts, the seed article's
/// claims checked against the data (seed plan), every chart of the report (offline), and the cells.
/// </summary>
internal static class RunView
{
    public static string Render(RunRecord run, string? name = null, EquivalenceBand? band = null)
    {
        var env = run.Info.Environment;
        var cells = run.Info.Plan.Cells().Count;
        var flagged = run.Results.Count(r => r.Flags.Count > 0 && !r.Failed);
        var failed = run.Results.Where(r => r.Failed).ToList();
        var head = Html.KeyValues(
        [
            ("run", Html.E($"{run.Id} · plan '{run.Info.Plan.Name}' · {run.Info.Status} · {run.Results.Count(r => !r.Failed)} of {cells} cells measured"
                + (flagged > 0 ? $", {flagged} flagged" : "") + (failed.Count > 0 ? $", {failed.Count} failed (#!compare --resume {run.Id} retries them)" : ""))),
            ("machine", Html.E($"{env.CpuModel}, {env.Cores} cores, {Html.Bytes(env.MemoryBytes)}, {env.Os}, Python {env.PythonVersion}")),
            ("folder", Html.E(Html.Path(run.Directory))),
        ]);

        // One line per failed cell, naming the stack and the cause; and what in the folder did not load.
        var body = head + string.Concat(failed.Select(r => $"<p class=\"warn\">{Html.E(r.Cell.Id)} failed: {Html.E(r.Reason)}</p>"))
                        + string.Concat(run.Problems.Select(p => $"<p class=\"warn\">left out: {Html.E(p)}</p>"));
        RunAnalysis? analysis = null;
        RunConclusions? conclusions = null;
        try
        {
            analysis = RunAnalysis.Of(run);
            conclusions = RunConclusions.Of(analysis, band);
        }
        catch (Exception e) when (e is PerfNotebooksException or InvalidOperationException or ArgumentException)
        {
            body += $"<p class=\"warn\">no analysis: {Html.E(e.Message)}</p>";
        }
        if (conclusions is not null)
        {
            // The same conclusions as report.html, verdicts.csv and claims.csv (one computation: RunConclusions).
            var verdicts = conclusions.Verdicts;
            if (verdicts.Count > 0)
                body += "<h4>Verdicts</h4>" + Html.Table(["dimension", "condition", "leader", "runner-up", "ratio [95% interval]", "outcome", "in words"],
                    verdicts.Select(v => (IReadOnlyList<string>)
                    [
                        Html.E($"{v.Dimension} ({v.Measure})"), Html.E(v.Condition), Html.E($"{v.Leader} ({v.LeaderValue})"), Html.E($"{v.RunnerUp} ({v.RunnerUpValue})"),
                        Html.E(Numbers.RatioWithInterval(v.Ratio, v.RatioLow, v.RatioHigh)),
                        v.Outcome == VerdictOutcome.Lead && v.Note.Length == 0 ? Html.E(v.OutcomeWords()) : $"<span class=\"warn\">{Html.E(v.OutcomeWords())}</span>",
                        Html.E(v.InWords()),
                    ]))
                    + $"<details><summary>How to read this</summary><p>{Html.E(MethodText.HowToRead(conclusions.Band))}</p></details>";
            // Every claim, as the report shows them: a claim this run cannot check says what it needs (often the seed preset).
            var claims = conclusions.Claims;
            if (claims.Count > 0)
                body += "<h4>The classic claims, checked</h4>" + Html.Table(["the article says", "read as", "needs at least", "outcome", "evidence, or why not measured"],
                    claims.Select(c => (IReadOnlyList<string>)
                    [
                        c.Quote.Length > 0 ? $"\u201c{Html.E(c.Quote)}\u201d ({Html.E(c.Section)})" : "(the toolkit's own claim)",
                        Html.E(c.Claim), Html.E(Numbers.Threshold(c.MinimumEffect)), Html.E(ConclusionFiles.OutcomeText(c.Outcome).Replace('_', ' ')), Html.E(c.Evidence),
                    ]));
        }

        if (analysis is not null)
        {
            // One row per condition (the mean over its repetitions): the DataFrame (ToDataFrame()) has every cell.
            body += "<h4>Conditions (mean ± half the 95% CI over the repetitions)</h4>" + Html.Table(
                ["stack", "workers", "endpoint", "load", "n", "req/s", "p50 ms", "p99 ms", "server CPU %", "PSS MB", "errors %", "flags"],
                analysis.Conditions.Select(c => (IReadOnlyList<string>)
                [
                    Html.E(c.Stack), Html.N(c.Workers), Html.E(c.Endpoint), Html.E(new LoadModelLevel(c.Model, c.Level).ToString()), Html.N(c.Rps.Length),
                    Num(c.Rps.Length == 0 ? "n/a" : Estimate(c.RpsEstimate, Numbers.Rps)), Num(Estimate(c.P50Estimate, Numbers.Ms)), Num(Estimate(c.P99Estimate, Numbers.Ms)),
                    Num(Estimate(c.CpuEstimate, Numbers.Percent)), Num(Estimate(c.PssEstimate, v => Numbers.Significant(v, 3))),
                    Num(Numbers.Percent(c.ErrorRate.DefaultIfEmpty(0).Average() * 100)), Html.E(string.Join(", ", c.Flags)),
                ]));
        }
        return Html.Block(name is null ? $"comparison {run.Id}" : $"comparison {name} ({run.Id})", body);
    }

    /// <summary>Every chart of the run (of the stored cells <paramref name="planJson"/> asks for, when given).</summary>
    public static IReadOnlyList<ChartOutput> Charts(RunRecord run, string? planJson = null) => KernelCharts.ForRun(run.Directory, planJson);

    /// <summary>The view and its charts as one HTML string, for the RunRecord formatter. A failing chart is reported, not fatal.</summary>
    public static string RenderWithCharts(RunRecord run)
    {
        string charts;
        try { charts = KernelCharts.Html(Charts(run)); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            charts = $"<p class=\"warn\">charts unavailable: {Html.E(e.Message)}</p>";
        }
        return Render(run) + charts;
    }

    private static string Estimate(Estimate e, Func<double, string> format)
        => e.N == 0 ? "n/a" : e.HasInterval ? $"{format(e.Mean)} ± {format(e.HalfWidth)}" : format(e.Mean);

    private static string Num(string text) => $"<span class=\"num\">{Html.E(text)}</span>";
}
