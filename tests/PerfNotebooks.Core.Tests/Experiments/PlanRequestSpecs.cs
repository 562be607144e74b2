using PerfNotebooks.Experiments;

namespace PerfNotebooks.Core.Tests.Experiments;

/// <summary>The one translation from text options to a plan, shared by <c>perfnb compare</c> and <c>#!compare</c>.</summary>
public sealed class PlanRequestSpecs
{
    [Fact]
    public void Options_override_the_preset_in_every_matrix()
    {
        var plan = new PlanRequest { Names = OptionSpellings.CommandLine, Preset = "quick", Endpoints = "/json", Connections = "2,4", Repetitions = "2" }.ToPlan();
        Assert.All(plan.Matrices, m =>
        {
            Assert.Equal(["/json"], m.Endpoints);
            Assert.Equal([2.0, 4.0], m.Levels);
            Assert.Equal(LoadModel.ClosedLoop, m.Model);
        });
        Assert.Equal(2, plan.Repetitions);
    }

    [Fact]
    public void A_stack_list_builds_one_custom_matrix_and_rates_make_it_constant_rate()
    {
        var plan = new PlanRequest { Stacks = "tornado, starlette-uvicorn", Rates = "100,200.5", Workers = "1,2", Names = OptionSpellings.Notebook, DefaultPreset = null, CustomPlanName = "notebook" }.ToPlan();
        var matrix = Assert.Single(plan.Matrices);
        Assert.Equal("notebook", plan.Name);
        Assert.Equal(["tornado", "starlette-uvicorn"], matrix.Stacks.Select(s => s.Name));
        Assert.Equal(LoadModel.ConstantRate, matrix.Model);
        Assert.Equal([100.0, 200.5], matrix.Levels);
        Assert.Equal([1, 2], matrix.Workers);
    }

    [Fact]
    public void A_worker_count_a_stack_cannot_take_or_an_endpoint_value_the_apps_refuse_is_refused_when_the_plan_is_made()
    {
        var single = Assert.Throws<PerfNotebooksException>(() => new PlanRequest { Names = OptionSpellings.CommandLine, Stacks = "tornado,aiohttp", Workers = "1,2" }.ToPlan());
        Assert.Equal("stack aiohttp: aiohttp runs one process, so workers must be 1, got 2.", single.Message);
        var query = Assert.Throws<PerfNotebooksException>(() => new PlanRequest { Names = OptionSpellings.CommandLine, Stacks = "tornado", Endpoints = "/plaintext,/cpu?n=+5" }.ToPlan());
        Assert.StartsWith("--endpoints '/cpu?n=+5': n=+5 is not accepted", query.Message);
        Assert.Equal(["/io?ms=0", "/bytes?size=67108864"], new PlanRequest { Names = OptionSpellings.CommandLine, Stacks = "tornado", Endpoints = "/io?ms=0,/bytes?size=67108864" }.ToPlan().Matrices[0].Endpoints);
    }

    [Fact]
    public void The_command_line_implies_the_quick_preset_and_the_notebook_asks_for_one()
    {
        Assert.Equal("quick", new PlanRequest { Names = OptionSpellings.CommandLine }.ToPlan().Name);
        var error = Assert.Throws<PerfNotebooksException>(() => new PlanRequest { Names = OptionSpellings.Notebook, DefaultPreset = null }.ToPlan());
        Assert.StartsWith("#!compare needs --preset", error.Message);
    }

    [Fact]
    public void A_seed_shuffles_the_order_and_is_recorded()
    {
        var plan = new PlanRequest { Names = OptionSpellings.CommandLine, Seed = "42" }.ToPlan();
        Assert.Equal(CellOrder.Shuffled, plan.Order);
        Assert.Equal(42, plan.Seed);
    }

    [Theory]
    [InlineData("--connections", "perfnb compare")]
    [InlineData("--concurrency", "#!compare")]
    public void Mistakes_name_the_option_as_the_front_end_spells_it(string connections, string command)
    {
        var names = command == "#!compare" ? OptionSpellings.Notebook : OptionSpellings.CommandLine;
        var cases = new (PlanRequest Request, string Expected)[]
        {
            (new() { Names = names, Stacks = "tornado", Connections = "4,x" }, $"{connections} '4,x' does not parse ('x' is not a whole number)"),
            (new() { Names = names, Stacks = "tornado", Connections = "0" }, $"{connections} '0': 0 is not a connection count"),
            (new() { Names = names, Stacks = "tornado", Connections = "2", Rates = "5" }, $"give either {connections} (closed loop) or --rates"),
            (new() { Names = names, Stacks = "tornado", Rates = "-5" }, "--rates '-5' does not parse"),
            (new() { Names = names, Stacks = "tornado", Workers = "9999" }, "--workers '9999': 9999 is not a worker count"),
            (new() { Names = names, Stacks = ",", }, "--stacks ',' is empty"),
            (new() { Names = names, Preset = "quick", Stacks = "tornado" }, "give either --preset or --stacks, not both"),
            (new() { Names = names, Preset = "quick", Repetitions = "0" }, "'0' does not parse; give a whole number from 1 to 100"),
            (new() { Names = names, Preset = "quick", Duration = "10x" }, "--duration '10x' is not a duration"),
        };
        foreach (var (request, expected) in cases)
        {
            var error = Assert.Throws<PerfNotebooksException>(() => request.ToPlan());
            Assert.Contains(expected, error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
    }
}
