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
        var flagged = run.Results.Count(r => r.Flags.Count > 0);
        var head = Html.KeyValues(
        [
            ("run", Html.E($"{run.Id} · plan '{run.Info.Plan.Name}' · {run.Info.Status} · {run.Results.Count} of {cells} cells measured" + (flagged > 0 ? $", {flagged} flagged" : ""))),
            ("machine", Html.E($"{env.CpuModel}, {env.Cores} cores, {Html.Bytes(env.MemoryBytes)}, {env.Os}, Python {env.PythonVersion}")),
            ("folder", Html.E(run.Directory)),
        ]);

        var body = head;
        RunConclusions? conclusions = null;
        try { conclusions = RunConclusions.Of(run, band); }
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
                body += "<h4>The classic claims, checked</h4>" + Html.Table(["claim", "needs at least", "outcome", "evidence"],
                    claims.Select(c => (IReadOnlyList<string>)[Html.E(c.Claim), Html.E(Numbers.Threshold(c.MinimumEffect)), Html.E(ConclusionFiles.OutcomeText(c.Outcome).Replace('_', ' ')), Html.E(c.Evidence)]));
        }

        body += "<h4>Cells</h4>" + Html.Table(["stack", "workers", "endpoint", "load", "rep", "req/s", "p50", "p99", "errors", "server CPU %", "PSS", "flags"],
            run.Results.Select(r => (IReadOnlyList<string>)
            [
                Html.E(r.Cell.Stack.Name), Html.N(r.Cell.Stack.Workers), Html.E(r.Cell.Endpoint),
                Html.E(r.Cell.Rate is { } rate ? $"{Html.N(rate)}/s" : $"{r.Cell.Connections} conn"), Html.N(r.Cell.Repetition),
                $"<span class=\"num\">{Html.N(r.Summary.RequestsPerSecond, "N0")}</span>", Html.Us(r.Summary.Latency.P50), Html.Us(r.Summary.Latency.P99),
                Html.N(r.Errors.Total), Html.N(r.Server.CpuPercent, "0"), Html.Bytes(r.Server.PssMaxBytes), Html.E(string.Join(", ", r.Flags)),
            ]));

        string charts;
        try { charts = KernelCharts.Output(KernelCharts.ForRun(run.Directory)); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failing chart is reported, not fatal: the numbers above stand on their own.
            charts = $"<p class=\"warn\">charts unavailable: {Html.E(e.Message)}</p>";
        }
        return Html.Block(name is null ? $"comparison {run.Id}" : $"comparison {name} ({run.Id})", body) + charts;
    }
}
