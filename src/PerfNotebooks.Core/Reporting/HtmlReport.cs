using System.Globalization;
using System.Net;
using System.Text;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// report.html: one self-contained page (plotly.js embedded once, no other resource, nothing fetched)
/// with the environment, the verdicts, the seed claims, the charts and the tables. Every text that came
/// from a server or a user (notes, log tails, versions, names) is HTML-encoded; numbers are invariant.
/// </summary>
public static class HtmlReport
{
    /// <summary>
    /// Computes the run's conclusions, writes verdicts.csv and claims.csv into the run folder and the
    /// report (default RUN/report.html), each atomically; returns the report's full path.
    /// </summary>
    public static string Write(RunRecord run, string? path = null, EquivalenceBand? band = null, ReportCommands? commands = null)
    {
        var analysis = RunAnalysis.Of(run);
        return Write(analysis, RunConclusions.Store(analysis, band), path, commands);
    }

    /// <summary>Writes the report for conclusions already computed (and stored); returns its full path.</summary>
    public static string Write(RunAnalysis analysis, RunConclusions conclusions, string? path = null, ReportCommands? commands = null)
    {
        path ??= Path.Combine(analysis.Run.Directory, RunFiles.Report);
        AtomicFile.WriteAllText(path, Render(analysis, conclusions, commands));
        return Path.GetFullPath(path);
    }

    /// <summary>The page for a stored run, its conclusions computed here (not stored).</summary>
    public static string Render(RunRecord run, EquivalenceBand? band = null, ReportCommands? commands = null)
    {
        var analysis = RunAnalysis.Of(run);
        return Render(analysis, RunConclusions.Of(analysis, band), commands);
    }

    /// <summary>The page for conclusions already computed; <paramref name="commands"/> (a front end's) name how to finish, repeat and re-render the run.</summary>
    public static string Render(RunAnalysis a, RunConclusions conclusions, ReportCommands? commands = null)
    {
        var run = a.Run;
        var info = run.Info;
        var plan = info.Plan;
        var sb = new StringBuilder(4 * 1024 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(E($"PerfNotebooks: {info.Id}")).Append("</title>\n<style>\n").Append(Css).Append("</style>\n");
        sb.Append(PlotlyJs.ScriptTag()).Append("\n</head>\n<body>\n<main>\n");

        var planned = plan.Cells().Count;
        var flagged = run.Results.Count(r => r.Flags.Count > 0);
        sb.Append("<h1>Python web servers compared</h1>\n");
        sb.Append("<p class=\"lead\">Run <code>").Append(E(info.Id)).Append("</code>, plan <b>").Append(E(plan.Name)).Append("</b>: ")
          .Append(N(run.Results.Count(r => r.Measured))).Append(" of ").Append(N(planned)).Append(" cells measured, ")
          .Append(N(plan.Repetitions)).Append(" repetition(s) each, ").Append(E(Load.Duration.Format(plan.Warmup))).Append(" warm-up + ")
          .Append(E(Load.Duration.Format(plan.Duration))).Append(" measured per cell, ").Append(plan.Order == CellOrder.Shuffled ? $"shuffled order (seed {N(plan.Seed)})" : "order as listed")
          .Append(plan.ReuseServerAcrossLevels ? ", one server per stack across levels" : ", a fresh server per cell")
          .Append(plan.Placement is { } placement ? $", {E(placement.ToString())}" : ", the load generator and the servers sharing every CPU").Append(".</p>\n");
        if (info.Status != RunStatus.Complete)
            sb.Append("<p class=\"warn\">This run is not complete (status: ").Append(E(info.Status.ToString().ToLowerInvariant())).Append("). ")
              .Append(commands is null ? "Resuming it measures the cells it lacks." : $"Finish it with <code>{E(commands.Resume(info.Id))}</code>.").Append("</p>\n");
        foreach (var problem in run.Problems)
            sb.Append("<p class=\"warn\">Left out: ").Append(E(problem)).Append("</p>\n");
        if (flagged > 0)
            sb.Append("<p class=\"warn\">").Append(N(flagged)).Append(" cell(s) carry flags (server died, generator saturated, errors, start failed): they are kept and marked in the tables below.</p>\n");

        var connections = ConnectionsTable.Build(a);
        var spikes = SpikesTable.Build(a);
        sb.Append("<nav><a href=\"#verdicts\">Verdicts</a> · <a href=\"#claims\">Claims</a> · ")
          .Append(connections.Count > 0 ? $"<a href=\"#{ConnectionsSection.Anchor}\">Connections</a> · " : "")
          .Append(spikes.Count > 0 ? $"<a href=\"#{SpikesSection.Anchor}\">Spikes</a> · " : "")
          .Append("<a href=\"#charts\">Charts</a> · <a href=\"#conditions\">Conditions</a> · <a href=\"#cells\">Cells</a> · <a href=\"#environment\">Environment</a>")
          .Append(info.Topology is null ? "" : " · <a href=\"#topology\">Topology</a>").Append("</nav>\n");

        AppendVerdicts(sb, conclusions);
        AppendClaims(sb, conclusions.Claims);
        ConnectionsSection.Append(sb, connections, info.Environment.Limits);
        SpikesSection.Append(sb, spikes);
        sb.Append("<section id=\"charts\">\n<h2>Charts</h2>\n");
        foreach (var chart in RunCharts.All(a))
        {
            sb.Append("<figure id=\"chart-").Append(E(chart.Id)).Append("\" class=\"chart\">\n<figcaption><b>").Append(E(chart.Title)).Append("</b>. ").Append(E(chart.Caption)).Append("</figcaption>\n");
            sb.Append(ChartHtml.Fragment(chart.Chart)).Append("\n</figure>\n");
        }
        sb.Append("</section>\n");
        AppendConditions(sb, a);
        AppendCells(sb, run);
        AppendEnvironment(sb, info.Environment, plan.Placement, distributed: info.Topology is not null);
        if (info.Topology is { } topology) TopologySection.Append(sb, topology, run.Results);
        sb.Append("<footer>Made by PerfNotebooks ").Append(E(info.Environment.ToolkitVersion)).Append(". Reproduce: ")
          .Append(commands is not null && PlanPresets.Names.Contains(plan.Name) ? $"<code>{E(commands.RunPreset(plan.Name))}</code>" : "the plan stored in run.json")
          .Append(commands is null ? "" : $"; re-render: <code>{E(commands.RenderHtml(info.Id))}</code>").Append(". Raw data: run.json, results.csv, timeline.csv, resources.csv, hlog/*.hlog, and the conclusions verdicts.csv and claims.csv, next to this file.</footer>\n");
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void AppendVerdicts(StringBuilder sb, RunConclusions conclusions)
    {
        var verdicts = conclusions.Verdicts;
        sb.Append("<section id=\"verdicts\">\n<h2>Verdicts</h2>\n<p>Who leads in each dimension, by how much (the ratio and its 95% interval, in the leader's favour), and how sure: ")
          .Append("<b>leads</b>, <b>practically equal</b> (within ").Append(E(conclusions.Band.ToString())).Append("), or <b>cannot tell yet</b>. The same rows are in <code>verdicts.csv</code>.</p>\n");
        sb.Append("<details class=\"method\" open><summary>How to read this</summary><p id=\"how-to-read\">").Append(E(MethodText.HowToRead(conclusions.Band))).Append("</p></details>\n");
        if (verdicts.Count == 0)
        {
            sb.Append("<p>Not enough stacks measured at a common condition for a verdict.</p>\n</section>\n");
            return;
        }
        sb.Append("<table class=\"verdicts\">\n<thead><tr><th>dimension</th><th>condition</th><th>leader</th><th>runner-up</th><th>ratio [95% interval]</th><th>outcome</th><th>in words</th></tr></thead>\n<tbody>\n");
        foreach (var v in verdicts)
        {
            var css = v.Outcome switch { VerdictOutcome.Lead => v.Note.Length > 0 ? "warnish" : "yes", VerdictOutcome.Equal => "eq", _ => "no" };
            sb.Append("<tr data-outcome=\"").Append(ConclusionFiles.OutcomeText(v.Outcome)).Append("\"><td>").Append(E(v.Dimension)).Append("<br><span class=\"sub\">").Append(E(v.Measure)).Append("</span></td><td>").Append(E(v.Condition))
              .Append("</td><td><b>").Append(E(v.Leader)).Append("</b><br><span class=\"num\">").Append(E(v.LeaderValue))
              .Append("</span></td><td>").Append(E(v.RunnerUp)).Append("<br><span class=\"num\">").Append(E(v.RunnerUpValue)).Append("</span></td><td class=\"num\">")
              .Append(E(Numbers.RatioWithInterval(v.Ratio, v.RatioLow, v.RatioHigh)))
              .Append("</td><td class=\"").Append(css).Append("\">").Append(E(v.OutcomeWords())).Append("</td><td>").Append(E(v.InWords())).Append("</td></tr>\n");
        }
        sb.Append("</tbody></table>\n</section>\n");
    }

    private static void AppendClaims(StringBuilder sb, IReadOnlyList<ClaimCheck> claims)
    {
        sb.Append("<section id=\"claims\">\n<h2>The classic article's claims, checked</h2>\n<p>Every claim of the article, in its order: the sentence as the article puts it, the statement it is read as, ")
          .Append("and what this run's measurements say. Each measured claim is judged on a ratio with its 95% interval against the smallest effect it needs. ")
          .Append("A claim marked <i>not measured</i> says why: what it needs (the <code>seed</code> preset measures every claim a measurement can decide), or why no measurement can decide it. ")
          .Append("The claims the toolkit adds follow the article's. The same rows are in <code>claims.csv</code>.</p>\n");
        sb.Append("<table class=\"claims\">\n<thead><tr><th>the article says</th><th>read as</th><th>needs at least</th><th>the measurements</th><th>evidence, or why not measured</th></tr></thead>\n<tbody>\n");
        foreach (var c in claims)
        {
            var (css, text) = c.Outcome switch
            {
                ClaimOutcome.Agrees => ("yes", "agree"),
                ClaimOutcome.Disagrees => ("bad", "disagree"),
                ClaimOutcome.CannotTell => ("no", "cannot tell yet"),
                _ => ("na", "not measured"),
            };
            var said = c.Quote.Length > 0
                ? $"<q>{E(c.Quote)}</q><br><span class=\"sub\">{E(c.Section)}</span>"
                : "<span class=\"sub\">not in the article: the toolkit's own claim</span>";
            sb.Append("<tr data-outcome=\"").Append(ConclusionFiles.OutcomeText(c.Outcome)).Append("\"><td>").Append(said).Append("</td><td>").Append(E(c.Claim)).Append("</td><td class=\"num\">")
              .Append(E(Numbers.Threshold(c.MinimumEffect))).Append("</td><td class=\"").Append(css).Append("\">").Append(text).Append("</td><td>").Append(E(c.Evidence)).Append("</td></tr>\n");
        }
        sb.Append("</tbody></table>\n</section>\n");
    }

    private static void AppendConditions(StringBuilder sb, RunAnalysis a)
    {
        sb.Append("<section id=\"conditions\">\n<h2>Conditions (mean ± 95% CI over repetitions)</h2>\n<p>CV: the coefficient of variation of req/s over the repetitions (standard deviation / mean), the run-to-run noise of that condition.</p>\n<table>\n<thead><tr><th>stack</th><th>workers</th><th>endpoint</th><th>level</th><th>n</th><th>req/s</th><th>CV</th><th>p50 ms</th><th>p99 ms</th><th>server CPU %</th><th>PSS MB</th><th>req/s per core</th><th>errors %</th><th>flags</th></tr></thead>\n<tbody>\n");
        foreach (var c in a.Conditions)
        {
            sb.Append("<tr><td>").Append(E(c.Stack)).Append("</td><td class=\"num\">").Append(N(c.Workers)).Append("</td><td>").Append(E(c.Endpoint)).Append("</td><td class=\"num\">")
              .Append(E(new LoadModelLevel(c.Model, c.Level).ToString())).Append("</td><td class=\"num\">").Append(N(c.Rps.Length))
              .Append(c.StartFailures > 0 ? $" (+{N(c.StartFailures)} failed)" : "").Append("</td>");
            // req/s whole, ms to 3 significant digits, percentages to one decimal (Numbers), each with its interval;
            // the coefficient of variation of req/s over the repetitions beside req/s.
            var first = true;
            foreach (var (e, format) in new (Estimate, Func<double, string>)[]
            {
                (c.RpsEstimate, Numbers.Rps), (c.P50Estimate, Numbers.Ms), (c.P99Estimate, Numbers.Ms), (c.CpuEstimate, Numbers.Percent),
                (c.PssEstimate, v => Numbers.Significant(v, 3)), (c.RpsPerCoreEstimate, Numbers.Rps),
            })
            {
                sb.Append("<td class=\"num\">").Append(c.Rps.Length == 0 ? "n/a" : E(e.HasInterval ? $"{format(e.Mean)} ± {format(e.HalfWidth)}" : format(e.Mean))).Append("</td>");
                if (first) sb.Append("<td class=\"num\">").Append(E(Numbers.Share(c.RpsCv))).Append("</td>");
                first = false;
            }
            sb.Append("<td class=\"num\">").Append(c.Rps.Length == 0 ? "n/a" : E(Numbers.Percent(c.ErrorRate.Average() * 100))).Append("</td><td>").Append(E(string.Join(' ', c.Flags))).Append("</td></tr>\n");
        }
        sb.Append("</tbody></table>\n</section>\n");
    }

    private static void AppendCells(StringBuilder sb, RunRecord run)
    {
        sb.Append("<section id=\"cells\">\n<h2>Cells</h2>\n<p>Every measurement, one row per cell and repetition (results.csv has all columns).</p>\n<table>\n<thead><tr><th>#</th><th>cell</th><th>requests</th><th>req/s</th><th>CV</th><th>p50 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th><th>errors</th><th>reconnects</th><th>server CPU %</th><th>RSS MB</th><th>PSS MB</th><th>procs</th><th>client CPU s</th><th>versions</th><th>flags</th></tr></thead>\n<tbody>\n");
        foreach (var r in run.Results.OrderBy(r => r.Cell.Index))
        {
            var s = r.Summary;
            var errors = r.Errors;
            var errorText = s.Errors == 0 ? "0" : $"{N(s.Errors)} (connect {N(errors.Connect)}, read {N(errors.Read)}, write {N(errors.Write)}, timeout {N(errors.Timeout)}, protocol {N(errors.Protocol)}{string.Concat(errors.Status.OrderBy(kv => kv.Key).Select(kv => $", HTTP {N(kv.Key)}: {N(kv.Value)}"))})";
            var versions = r.Versions is { } v ? $"Python {v.Python}, {v.Framework}, {v.Server}" : "";
            sb.Append("<tr><td class=\"num\">").Append(N(r.Cell.Index)).Append("</td><td><code>").Append(E(r.Cell.Id)).Append("</code></td><td class=\"num\">").Append(N(s.Requests))
              .Append("</td><td class=\"num\">").Append(E(Numbers.Rps(s.RequestsPerSecond))).Append("</td><td class=\"num\">").Append(Ms(s.Latency.P50)).Append("</td><td class=\"num\">").Append(Ms(s.Latency.P99))
              .Append("</td><td class=\"num\">").Append(Ms(s.Latency.P999)).Append("</td><td class=\"num\">").Append(Ms(s.Latency.Max)).Append("</td><td>").Append(E(errorText))
              .Append("</td><td class=\"num\">").Append(N(r.Reconnects)).Append("</td><td class=\"num\">").Append(E(Numbers.Percent(r.Server.CpuPercent))).Append("</td><td class=\"num\">")
              .Append(E(Numbers.ThreeFigures(r.Server.RssMaxBytes / 1e6))).Append("</td><td class=\"num\">").Append(E(Numbers.ThreeFigures(r.Server.PssMaxBytes / 1e6))).Append("</td><td class=\"num\">").Append(N(r.Server.Processes))
              .Append("</td><td class=\"num\">").Append(E(Numbers.ThreeFigures(r.Client.CpuSeconds))).Append("</td><td>").Append(E(versions)).Append("</td><td>").Append(E(string.Join(' ', r.Flags))).Append("</td></tr>\n");
        }
        sb.Append("</tbody></table>\n");
        var notes = run.Results.Where(r => r.Note.Length > 0).OrderBy(r => r.Cell.Index).ToList();
        if (notes.Count > 0)
        {
            sb.Append("<h3>Notes on flagged cells</h3>\n");
            foreach (var r in notes)
                sb.Append("<details><summary><code>").Append(E(r.Cell.Id)).Append("</code>: ").Append(E(string.Join(' ', r.Flags))).Append("</summary><pre>").Append(E(r.Note)).Append("</pre></details>\n");
        }
        sb.Append("</section>\n");
    }

    private static void AppendEnvironment(StringBuilder sb, EnvironmentInfo env, CorePlacement? placement, bool distributed)
    {
        sb.Append("<section id=\"environment\">\n<h2>Environment").Append(distributed ? " (the controlling machine)" : "").Append("</h2>\n<table class=\"env\">\n<tbody>\n");
        void Row(string k, string v) => sb.Append("<tr><th>").Append(E(k)).Append("</th><td>").Append(E(v)).Append("</td></tr>\n");
        Row("CPU", env.CpuModel);
        Row("cores", N(env.Cores));
        Row("CPU placement", distributed
            ? "none needed: servers and load generators ran on separate machines (see Topology)"
            : placement is null
            ? "none: the load generator and the servers shared every CPU (the generator's CPU cost per request is part of every figure)"
            : $"{placement} (the generator's threads by sched_setaffinity, the servers by taskset)");
        Row("memory", $"{(env.MemoryBytes / 1e9).ToString("0.0", CultureInfo.InvariantCulture)} GB");
        Row("kernel", env.Kernel);
        Row("OS", env.Os);
        Row(".NET", env.DotnetVersion);
        Row("Python", $"{env.PythonVersion} ({env.PythonExecutable})");
        Row("packages", string.Join(", ", env.Packages.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
        Row("PerfNotebooks", env.ToolkitVersion);
        Row("git commit", env.GitCommit.Length == 0 ? "(not run from a checkout)" : env.GitCommit);
        Row("host", env.Hostname);
        if (env.Limits is { } limits)
            Row("connection limits", $"net.core.somaxconn {Opt(limits.Somaxconn)}, net.ipv4.tcp_max_syn_backlog {Opt(limits.TcpMaxSynBacklog)}, open files {Opt(limits.OpenFilesSoft)} (hard {Opt(limits.OpenFilesHard)})");
        Row("started", env.StartedAt.ToString("u", CultureInfo.InvariantCulture));
        Row("ended", env.EndedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "(not finished)");
        sb.Append("</tbody></table>\n</section>\n");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
    private static string Opt(long? value) => value is { } v ? N(v) : "unknown";
    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
    private static string Ms(long us) => E(Numbers.Ms(us / 1000.0));

    private const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
        main { max-width: 1200px; margin: 0 auto; padding: 1.5rem; }
        h1 { margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: .3rem; }
        .lead { color: #444; } nav { margin: 1rem 0; }
        .warn { background: #fff4e5; border-left: 4px solid #f0a020; padding: .5rem .8rem; }
        table { border-collapse: collapse; width: 100%; font-size: .85rem; background: #fff; }
        th, td { border: 1px solid #e2e2e2; padding: .3rem .45rem; text-align: left; vertical-align: top; }
        thead th { background: #f0f0f0; position: sticky; top: 0; }
        td.num, .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.eq { color: #1d4f91; font-weight: 600; } td.warnish { color: #8a4b00; font-weight: 600; } .sub { color: #666; font-size: .8rem; }
        details.method { background: #f3f6fa; border-left: 4px solid #6b8fbf; padding: .5rem .8rem; margin: .8rem 0; } details.method p { margin: .4rem 0 0; line-height: 1.45; }
        td.yes { color: #11672f; font-weight: 600; } td.no { color: #7a5d00; } td.bad { color: #a31515; font-weight: 600; } td.na { color: #777; }
        figure.chart { background: #fff; border: 1px solid #e2e2e2; margin: 1rem 0; padding: .5rem; }
        figcaption { font-size: .9rem; color: #333; margin-bottom: .3rem; }
        pre { white-space: pre-wrap; font-size: .8rem; background: #f5f5f5; padding: .5rem; }
        table.env th { width: 12rem; } footer { margin-top: 2rem; font-size: .8rem; color: #555; }
        """;
}
