using System.Globalization;
using System.Text;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// report.md: a write-up of a run that pastes into a blog post or a README. The verdicts, the claims checked,
/// every chart as an SVG file beside it (<c>report-files/</c>, drawn by <see cref="SvgChart"/>: no script, any
/// Markdown viewer shows it), the conditions table with numbers people read, and the environment. Relative
/// image links, so the .md and its folder move together.
/// </summary>
public static class MarkdownReport
{
    /// <summary>The report's default file name in a run folder.</summary>
    public const string FileName = "report.md";

    /// <summary>Writes the .md and its images folder (named after it: report.md -> report-files/); returns the .md's full path.</summary>
    public static string Write(RunRecord run, string? path = null, EquivalenceBand? band = null, ReportCommands? commands = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var analysis = RunAnalysis.Of(run);
        return Write(analysis, RunConclusions.Of(analysis, band), path, commands);
    }

    /// <summary>Writes the .md for conclusions already computed (the ones verdicts.csv and claims.csv hold).</summary>
    public static string Write(RunAnalysis analysis, RunConclusions conclusions, string? path = null, ReportCommands? commands = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(conclusions);
        var run = analysis.Run;
        path = Path.GetFullPath(path ?? Path.Combine(run.Directory, FileName));
        var folderName = Path.GetFileNameWithoutExtension(path) + "-files";
        var folder = Path.Combine(Path.GetDirectoryName(path)!, folderName);
        var charts = RunCharts.All(analysis);

        // Images first: a .md that names an image which is not there yet is never left behind.
        if (Directory.Exists(folder))
            foreach (var stale in Directory.GetFiles(folder, "*.svg")) File.Delete(stale);
        Directory.CreateDirectory(folder);
        foreach (var chart in charts) AtomicFile.WriteAllText(Path.Combine(folder, chart.Id + ".svg"), chart.Svg());
        AtomicFile.WriteAllText(path, Render(run, analysis, conclusions, charts, folderName, commands));
        return path;
    }

    /// <summary>The Markdown text; images are linked as <c>{imageFolder}/{chart id}.svg</c>.</summary>
    public static string Render(RunRecord run, RunAnalysis analysis, RunConclusions conclusions, IReadOnlyList<NamedChart> charts, string imageFolder, ReportCommands? commands = null)
    {
        var info = run.Info;
        var plan = info.Plan;
        var env = info.Environment;
        var md = new StringBuilder();
        md.Append("# Python web servers compared: run `").Append(info.Id).Append("`\n\n");
        md.Append(Inv($"Plan **{Escape(plan.Name)}**: {Numbers.Whole(run.Results.Count)} of {Numbers.Whole(plan.Cells().Count)} cells measured, {plan.Repetitions} repetition(s) each, "))
          .Append(Load.Duration.Format(plan.Warmup)).Append(" warm-up + ").Append(Load.Duration.Format(plan.Duration)).Append(" measured per cell. ")
          .Append(Inv($"Measured {env.StartedAt:yyyy-MM-dd} on {Escape(env.CpuModel)} ({env.Cores} cores, {(env.MemoryBytes / 1e9).ToString("0.0", CultureInfo.InvariantCulture)} GB), {Escape(env.Os)}, Python {Escape(env.PythonVersion)}. "))
          .Append("The load generator shares the machine with the servers.\n\n");
        if (info.Status != RunStatus.Complete)
            md.Append("> This run is not complete (status: ").Append(info.Status.ToString().ToLowerInvariant()).Append("); ")
              .Append(commands is null ? "resuming it measures the cells it lacks" : $"finish it with `{commands.Resume(info.Id)}`").Append(".\n\n");
        var flagged = run.Results.Count(r => r.Flags.Count > 0);
        if (flagged > 0)
            md.Append(Inv($"> {flagged} cell(s) carry flags (errors, generator saturated, server died, start failed); they are kept and marked in the table below.\n\n"));

        AppendVerdictsAndClaims(md, analysis, conclusions);
        AppendCharts(md, charts, imageFolder);
        AppendConditions(md, analysis);
        AppendEnvironment(md, run, commands);
        return md.ToString();
    }

    /// <summary>
    /// The verdicts and the classic article's claims, from the same <see cref="RunConclusions"/> as report.html,
    /// verdicts.csv and claims.csv (one computation; worded by <see cref="Verdict.InWords"/> as every view is).
    /// </summary>
    private static void AppendVerdictsAndClaims(StringBuilder md, RunAnalysis analysis, RunConclusions conclusions)
    {
        var verdicts = conclusions.Verdicts;
        md.Append(Inv($"## Verdicts\n\nWho leads in each dimension, by how much (the ratio of geometric means, in the leader's favour, with its 95% interval), and how sure: **leads** when the whole interval lies beyond the ±{conclusions.Band.Fraction * 100:0.#}% equivalence band, **practically equal** when it lies inside it, **cannot tell yet** when it straddles it. Comparisons are made on the log scale over the repetitions (see the report's \"how to read this\").\n\n"));
        if (verdicts.Count == 0) md.Append("Not enough stacks measured at a common condition for a verdict.\n\n");
        else
        {
            md.Append("| dimension | condition | leader | runner-up | ratio [95% interval] | outcome | in words |\n|---|---|---|---|---:|---|---|\n");
            foreach (var v in verdicts)
                md.Append("| ").Append(Escape(v.Dimension)).Append(" (").Append(Escape(v.Measure)).Append(") | ").Append(Escape(v.Condition)).Append(" | **").Append(Escape(v.Leader)).Append("** ").Append(Escape(v.LeaderValue))
                  .Append(" | ").Append(Escape(v.RunnerUp)).Append(' ').Append(Escape(v.RunnerUpValue)).Append(" | ").Append(Escape(Numbers.RatioWithInterval(v.Ratio, v.RatioLow, v.RatioHigh)))
                  .Append(" | ").Append(Escape(v.OutcomeWords())).Append(" | ").Append(Escape(v.InWords())).Append(" |\n");
            md.Append('\n');
        }
        var claims = conclusions.Claims;
        if (claims.Count == 0) return;
        md.Append("## The classic article's claims, checked\n\nEvery claim of the article, in its order, then the claims the toolkit adds; a claim not measured says why.\n\n")
          .Append("| the article says | read as | needs at least | the measurements | evidence, or why not measured |\n|---|---|---:|---|---|\n");
        foreach (var c in claims)
        {
            var outcome = c.Outcome switch
            {
                ClaimOutcome.Agrees => "**agree**",
                ClaimOutcome.Disagrees => "**disagree**",
                ClaimOutcome.CannotTell => "cannot tell yet",
                _ => "not measured",
            };
            var said = c.Quote.Length > 0 ? $"\u201c{Escape(c.Quote)}\u201d ({Escape(c.Section)})" : "(the toolkit's own claim)";
            md.Append("| ").Append(said).Append(" | ").Append(Escape(c.Claim)).Append(" | ").Append(Escape(Numbers.Threshold(c.MinimumEffect))).Append(" | ").Append(outcome).Append(" | ").Append(Escape(c.Evidence)).Append(" |\n");
        }
        md.Append('\n');
    }

    private static void AppendCharts(StringBuilder md, IReadOnlyList<NamedChart> charts, string imageFolder)
    {
        if (charts.Count == 0) return;
        md.Append("## Charts\n\n");
        foreach (var chart in charts)
        {
            md.Append("### ").Append(Escape(chart.Title)).Append("\n\n");
            md.Append("![").Append(Escape(chart.Title)).Append("](").Append(imageFolder).Append('/').Append(chart.Id).Append(".svg)\n\n");
            md.Append(Escape(chart.Caption)).Append("\n\n");
        }
    }

    private static void AppendConditions(StringBuilder md, RunAnalysis a)
    {
        md.Append("## Conditions\n\nMean ± half the 95% confidence interval over the repetitions. req/s whole, milliseconds to 3 significant digits, percentages to one decimal; results.csv has every cell at full precision.\n\n");
        md.Append("| stack | workers | endpoint | load | n | req/s | p50 ms | p99 ms | server CPU % | PSS MB | errors % | flags |\n");
        md.Append("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var c in a.Conditions)
        {
            var measured = c.Rps.Length > 0;
            md.Append("| ").Append(Escape(c.Stack)).Append(" | ").Append(Numbers.Whole(c.Workers)).Append(" | ").Append(Escape(c.Endpoint)).Append(" | ")
              .Append(new LoadModelLevel(c.Model, c.Level).ToString()).Append(" | ").Append(Numbers.Whole(c.Rps.Length))
              .Append(c.StartFailures > 0 ? Inv($" (+{c.StartFailures} failed)") : "").Append(" | ")
              .Append(measured ? Estimate(c.RpsEstimate, Numbers.Rps) : "n/a").Append(" | ")
              .Append(measured ? Estimate(c.P50Estimate, Numbers.Ms) : "n/a").Append(" | ")
              .Append(measured ? Estimate(c.P99Estimate, Numbers.Ms) : "n/a").Append(" | ")
              .Append(measured ? Estimate(c.CpuEstimate, Numbers.Percent) : "n/a").Append(" | ")
              .Append(measured ? Estimate(c.PssEstimate, v => Numbers.Significant(v, 3)) : "n/a").Append(" | ")
              .Append(measured ? Numbers.Percent(c.ErrorRate.Average() * 100) : "n/a").Append(" | ")
              .Append(Escape(string.Join(' ', c.Flags))).Append(" |\n");
        }
        md.Append('\n');
    }

    private static void AppendEnvironment(StringBuilder md, RunRecord run, ReportCommands? commands)
    {
        var env = run.Info.Environment;
        md.Append("## Environment\n\n");
        void Item(string k, string v) => md.Append("- **").Append(k).Append("**: ").Append(Escape(v)).Append('\n');
        Item("CPU", Inv($"{env.CpuModel}, {env.Cores} cores"));
        Item("memory", (env.MemoryBytes / 1e9).ToString("0.0 'GB'", CultureInfo.InvariantCulture));
        Item("OS", $"{env.Os}, kernel {env.Kernel}");
        Item(".NET", env.DotnetVersion);
        Item("Python", $"{env.PythonVersion} ({env.PythonExecutable})");
        Item("packages", string.Join(", ", env.Packages.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
        Item("PerfNotebooks", env.ToolkitVersion + (env.GitCommit.Length > 0 ? $" (commit {env.GitCommit})" : ""));
        Item("measured", env.StartedAt.ToString("u", CultureInfo.InvariantCulture) + (env.EndedAt is { } end ? " to " + end.ToString("u", CultureInfo.InvariantCulture) : ""));
        var reproduce = commands is not null && PlanPresets.Names.Contains(run.Info.Plan.Name) ? $"`{commands.RunPreset(run.Info.Plan.Name)}`" : "the plan stored in run.json";
        md.Append("\nReproduce: ").Append(reproduce).Append(commands is null ? "" : $"; re-render: `{commands.RenderMarkdown(run.Info.Id)}`")
          .Append(". Raw data beside the run: run.json, results.csv, timeline.csv, resources.csv, hlog/*.hlog.\n");
    }

    private static string Estimate(Estimate e, Func<double, string> format)
        => e.HasInterval ? $"{format(e.Mean)} ± {format(e.HalfWidth)}" : format(e.Mean);

    /// <summary>Text for a Markdown table cell or line: pipes, backslashes, emphasis and HTML made literal, no line breaks.</summary>
    internal static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '|' or '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>': sb.Append('\\').Append(ch); break;
                case '\r' or '\n': sb.Append(' '); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
