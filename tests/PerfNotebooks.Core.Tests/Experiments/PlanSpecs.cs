using PerfNotebooks.Experiments;

namespace PerfNotebooks.Core.Tests.Experiments;

public sealed class PlanSpecs
{
    [Fact]
    public void A_plan_expands_to_every_stack_endpoint_level_and_repetition_once()
    {
        var plan = SyntheticRun.Plan(stacks: 2, levels: [8, 64], reps: 2);
        var cells = plan.Cells();
        Assert.Equal(2 * 2 * 2 * 2, cells.Count);
        Assert.Equal(cells.Count, cells.Select(c => c.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, cells.Count), cells.Select(c => c.Index));
        // Repetitions outermost: every stack's first repetition before any second one.
        Assert.All(cells.Take(8), c => Assert.Equal(1, c.Repetition));
    }

    [Fact]
    public void A_cell_two_blocks_share_is_measured_once()
    {
        var plan = SyntheticRun.Plan(stacks: 2, levels: [32], reps: 1);
        plan = plan with { Matrices = [plan.Matrices[0], plan.Matrices[0] with { Label = "sweep", Levels = [1, 32] }] };
        var cells = plan.Cells();
        Assert.Equal(2 * 2 * 1 + 2 * 2 * 1, cells.Count); // level 32 from the first block, level 1 from the second
        Assert.Equal("main", cells.Single(c => c.Stack.Name == "flask-gunicorn" && c.Endpoint == "/plaintext" && c.Connections == 32).Matrix);
    }

    [Fact]
    public void A_shuffled_order_is_reproduced_by_its_seed_and_differs_from_the_listed_one()
    {
        var plan = SyntheticRun.Plan(stacks: 3, levels: [1, 8, 64], reps: 2) with { Order = CellOrder.Shuffled, Seed = 42 };
        var a = plan.Cells().Select(c => c.Id).ToList();
        var b = plan.Cells().Select(c => c.Id).ToList();
        var listed = (plan with { Order = CellOrder.AsListed }).Cells().Select(c => c.Id).ToList();
        var other = (plan with { Seed = 43 }).Cells().Select(c => c.Id).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(listed, a);
        Assert.NotEqual(a, other);
        Assert.Equal(listed.Order(), a.Order());
    }

    [Fact]
    public void Reusing_servers_keeps_a_stacks_levels_together_when_shuffled()
    {
        var plan = SyntheticRun.Plan(stacks: 3, levels: [1, 8, 64], reps: 1) with { Order = CellOrder.Shuffled, Seed = 7, ReuseServerAcrossLevels = true };
        var stacks = plan.Cells().Select(c => c.Stack.Name).ToList();
        var runs = stacks.Where((s, i) => i == 0 || stacks[i - 1] != s).Count();
        Assert.Equal(3, runs);
    }

    [Theory]
    [InlineData("/nope", "unknown endpoint '/nope'")]
    [InlineData("plaintext", "unknown endpoint 'plaintext'")]
    public void An_unknown_endpoint_is_a_one_line_error(string endpoint, string expected)
    {
        var plan = SyntheticRun.Plan(endpoints: [endpoint]);
        var e = Assert.Throws<PerfNotebooksException>(() => plan.Validate());
        Assert.Contains(expected, e.Message);
        Assert.Contains("/plaintext", e.Message);
    }

    [Fact]
    public void An_empty_matrix_or_a_bad_level_is_a_one_line_error()
    {
        var plan = SyntheticRun.Plan();
        Assert.Contains("empty", Assert.Throws<PerfNotebooksException>(() => (plan with { Matrices = [] }).Validate()).Message);
        Assert.Contains("empty", Assert.Throws<PerfNotebooksException>(() => (plan with { Matrices = [plan.Matrices[0] with { Stacks = [] }] }).Validate()).Message);
        Assert.Contains("connection count", Assert.Throws<PerfNotebooksException>(() => (plan with { Matrices = [plan.Matrices[0] with { Levels = [0] }] }).Validate()).Message);
        Assert.Contains("connection count", Assert.Throws<PerfNotebooksException>(() => (plan with { Matrices = [plan.Matrices[0] with { Levels = [1.5] }] }).Validate()).Message);
        Assert.Contains("rate", Assert.Throws<PerfNotebooksException>(() => (plan with { Matrices = [plan.Matrices[0] with { Model = LoadModel.ConstantRate, Levels = [-5] }] }).Validate()).Message);
        Assert.Contains("repetitions", Assert.Throws<PerfNotebooksException>(() => (plan with { Repetitions = 0 }).Validate()).Message);
    }

    [Fact]
    public void Quick_mode_shrinks_a_plan_to_short_durations_and_few_levels()
    {
        var plan = SyntheticRun.Plan(stacks: 2, levels: [1, 8, 32, 128, 256], reps: 5) with { Duration = TimeSpan.FromSeconds(30) };
        var shrunk = PlanPresets.Shrink(plan);
        Assert.Equal([1.0, 256.0], shrunk.Matrices[0].Levels);
        Assert.Equal(2, shrunk.Repetitions);
        Assert.True(shrunk.Duration <= TimeSpan.FromSeconds(2));
        Assert.True(shrunk.Cells().Count < plan.Cells().Count);
    }

    [Fact]
    public void An_unknown_preset_names_the_known_ones()
    {
        var e = Assert.Throws<PerfNotebooksException>(() => PlanPresets.Get("fast"));
        Assert.Contains("seed", e.Message);
        Assert.Contains("quick", e.Message);
    }

    [Fact]
    public void Cell_ids_are_file_names()
    {
        var cell = SyntheticRun.Plan(endpoints: ["/io?ms=10"]).Cells()[0];
        Assert.Equal("flask-gunicorn_io-ms-10_w2_c8_rep1", cell.Id);
    }

    [Fact]
    public void The_quick_plan_has_the_articles_four_and_an_asgi_reference_on_two_endpoints_and_two_loads()
    {
        var plan = PlanPresets.Quick();
        var stacks = plan.Matrices.SelectMany(m => m.Stacks).ToList();
        Assert.Contains(stacks, s => s.App == "django" && s.Server == "gunicorn");
        Assert.Contains(stacks, s => s.App == "flask" && s.Server == "gunicorn" && s.WorkerClass == "sync");
        Assert.Contains(stacks, s => s.Server == "gunicorn" && s.WorkerClass is "gevent" or "gthread" or "eventlet");
        Assert.Contains(stacks, s => s.App == "tornado");
        Assert.Contains(stacks, s => s.Name == "starlette-uvicorn");
        var main = plan.Matrices[0];
        Assert.Contains("/plaintext", main.Endpoints);
        Assert.Contains(main.Endpoints, e => e.StartsWith("/io", StringComparison.Ordinal));
        Assert.Equal(2, main.Levels.Count);
        Assert.True(plan.Repetitions >= 3);
        // Within three minutes of measuring on 2 cores (a server start and stop guessed at 1.5 s each).
        var cells = plan.Cells();
        var starts = cells.Select(c => $"{c.Repetition}|{c.Matrix}|{c.Stack.Name}|{c.Workers}").Distinct().Count();
        Assert.True(plan.EstimatedDuration(cells.Count, starts) <= TimeSpan.FromMinutes(3), $"{plan.EstimatedDuration(cells.Count, starts)} for {cells.Count} cells, {starts} server starts");
    }
}
