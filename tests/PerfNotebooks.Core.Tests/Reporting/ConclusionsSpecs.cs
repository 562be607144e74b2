using System.Net;
using PerfNotebooks.Experiments;
using PerfNotebooks.Reporting;

namespace PerfNotebooks.Core.Tests.Reporting;

/// <summary>verdicts.csv and claims.csv: one computation, written beside results.csv, read back exactly, shown alike in the report.</summary>
public sealed class ConclusionsSpecs : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Writing_a_report_writes_verdicts_and_claims_beside_results_even_for_an_old_run()
    {
        var run = RepoRoot.CopyRun(RepoRoot.SeedReference, _root.Path);
        File.Delete(Path.Combine(run, RunFiles.Verdicts));
        File.Delete(Path.Combine(run, RunFiles.Claims));
        HtmlReport.Write(RunStore.Load(run));
        Assert.True(File.Exists(Path.Combine(run, RunFiles.Verdicts)));
        Assert.True(File.Exists(Path.Combine(run, RunFiles.Claims)));
        Assert.StartsWith("dimension,condition,leader,runner_up,ratio,ratio_low,ratio_high,outcome,note", File.ReadAllLines(Path.Combine(run, RunFiles.Verdicts))[0]);
        Assert.StartsWith("claim,outcome,evidence", File.ReadAllLines(Path.Combine(run, RunFiles.Claims))[0]);
        Assert.Empty(Directory.GetFiles(run, ".*.tmp-*"));
    }

    [Fact]
    public void Verdicts_and_claims_parse_back_identical_to_what_the_report_shows()
    {
        var run = RunStore.Load(RepoRoot.CopyRun(RepoRoot.SeedReference, _root.Path));
        var analysis = RunAnalysis.Of(run);
        var conclusions = RunConclusions.Store(analysis);
        var html = HtmlReport.Render(analysis, conclusions);

        var verdicts = ConclusionFiles.ReadVerdicts(run.Directory);
        var claims = ConclusionFiles.ReadClaims(run.Directory);
        Assert.Equal(conclusions.Verdicts, verdicts);
        Assert.Equal(conclusions.Claims, claims);
        Assert.NotEmpty(verdicts);
        Assert.Equal(18, claims.Count);
        foreach (var v in verdicts)
        {
            Assert.Contains(WebUtility.HtmlEncode(v.InWords()), html);
            Assert.Contains(WebUtility.HtmlEncode(Numbers.RatioWithInterval(v.Ratio, v.RatioLow, v.RatioHigh)), html);
        }
        foreach (var c in claims) Assert.Contains(WebUtility.HtmlEncode(c.Evidence), html);
        Assert.Equal(verdicts.Count, Count(html, "<tr data-outcome=\"") - claims.Count);
    }

    [Fact]
    public void The_stored_seed_run_gives_verdicts_that_match_its_numbers()
    {
        var conclusions = RunConclusions.Of(RunStore.Load(RepoRoot.SeedReference));
        var plaintext = conclusions.Verdicts.Single(v => v.Dimension == Dimensions.Throughput && v.Condition == "/plaintext at 32 connections");
        Assert.Equal("starlette-uvicorn ×2", plaintext.Leader);
        // The outcome is the interval's, whatever it is on the day the run was stored.
        Assert.Equal(plaintext.RatioLow > 1.05 ? VerdictOutcome.Lead : plaintext.RatioHigh < 1.05 ? VerdictOutcome.Equal : VerdictOutcome.CannotTell, plaintext.Outcome);
        // Memory varies little between repetitions: there the interval is narrow enough to lead.
        var memory = conclusions.Verdicts.Single(v => v.Dimension == Dimensions.ResourceUse && v.Measure.Contains("PSS", StringComparison.Ordinal) && v.Condition == "/plaintext at 32 connections");
        Assert.Equal(VerdictOutcome.Lead, memory.Outcome);
        var tornado = conclusions.Claims.Single(c => c.Claim.StartsWith("Tornado handles many concurrent connections", StringComparison.Ordinal));
        Assert.Equal(ClaimOutcome.Agrees, tornado.Outcome);
        Assert.True(tornado.RatioLow >= tornado.MinimumEffect);
        Assert.All(conclusions.Verdicts, v => Assert.True(v.Ratio >= 1));
        Assert.All(conclusions.Verdicts.Where(v => v.Outcome == VerdictOutcome.Lead), v => Assert.True(v.RatioLow > 1.05));
    }

    [Fact]
    public void A_leader_that_failed_requests_is_named_in_the_verdict_never_silently()
    {
        var plan = SyntheticRun.Plan(stacks: 3, reps: 3);
        using var session = RunStore.Create(_root.Path, plan, SyntheticRun.Environment());
        foreach (var cell in plan.Cells())
        {
            var r = SyntheticRun.Cell(cell);
            // flask-gunicorn leads the synthetic throughput; here it fails 13% of its requests.
            if (cell.Stack.Name == "flask-gunicorn") r = r with { Flags = [CellFlags.Errors], Summary = r.Summary with { Errors = 150 }, Errors = r.Errors with { Read = 150 } };
            session.Append(r);
        }
        var verdict = RunConclusions.Of(session.ToRecord()).Verdicts.First(v => v.Dimension == Dimensions.Throughput);
        Assert.Equal("flask-gunicorn ×2", verdict.Leader);
        Assert.Contains("flask-gunicorn ×2 failed 13.0% of requests", verdict.Note);
        Assert.Contains("Note: flask-gunicorn ×2 failed 13.0% of requests", verdict.InWords());
        Assert.Equal("leads (see note)", verdict.OutcomeWords());
    }

    [Fact]
    public void A_condition_whose_server_never_started_is_left_out_with_the_reason()
    {
        var plan = SyntheticRun.Plan(stacks: 3, reps: 3);
        using var session = RunStore.Create(_root.Path, plan, SyntheticRun.Environment());
        foreach (var cell in plan.Cells())
        {
            var r = SyntheticRun.Cell(cell);
            if (cell.Stack.Name == "flask-gunicorn")
                r = r with { Flags = [CellFlags.StartFailed], Summary = r.Summary with { Requests = 0, RequestsPerSecond = 0 }, Corrected = null, Uncorrected = null, Timeline = [], Resources = [] };
            session.Append(r);
        }
        var verdict = RunConclusions.Of(RunStore.Load(session.Directory)).Verdicts.First(v => v.Dimension == Dimensions.Throughput);
        Assert.NotEqual("flask-gunicorn ×2", verdict.Leader);
        Assert.Contains("left out: flask-gunicorn ×2 (its server did not start in 3 of 3 repetitions)", verdict.Note);
    }

    [Fact]
    public void An_unknown_flag_is_still_named()
    {
        var plan = SyntheticRun.Plan(stacks: 2, reps: 3);
        using var session = RunStore.Create(_root.Path, plan, SyntheticRun.Environment());
        foreach (var cell in plan.Cells())
        {
            var r = SyntheticRun.Cell(cell);
            if (cell.Stack.Name == "flask-gunicorn" && cell.Repetition == 2) r = r with { Flags = ["rate-missed", "moon-phase"] };
            session.Append(r);
        }
        var verdict = RunConclusions.Of(session.ToRecord()).Verdicts.First(v => v.Dimension == Dimensions.Throughput && v.Leader == "flask-gunicorn ×2");
        Assert.Contains("missed its target rate in 1 of 3 repetitions", verdict.Note);
        Assert.Contains("was flagged 'moon-phase' in 1 of 3 repetitions", verdict.Note);
    }

    [Fact]
    public void The_how_to_read_paragraph_is_the_same_in_the_report_and_in_the_docs()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "statistics.md")).ReplaceLineEndings(" ");
        var paragraph = MethodText.HowToRead(EquivalenceBand.Default);
        Assert.Contains(paragraph, string.Join(' ', docs.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        var html = HtmlReport.Render(RunStore.Load(SyntheticRun.Store(_root.Path).Directory));
        Assert.Contains(WebUtility.HtmlEncode(paragraph), html);
    }

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
