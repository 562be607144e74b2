using PerfNotebooks.Experiments;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive.Magic;

/// <summary>Turns #!compare's options into an <see cref="ExperimentPlan"/>: a preset, or a plan from --stacks.</summary>
internal static class ComparePlan
{
    public static ExperimentPlan From(CompareMagicCommand c)
    {
        if (c.Preset is not null && c.Stacks is not null)
            throw new PerfNotebooksException("#!compare takes --preset NAME or --stacks A,B, not both.");
        if (c.Preset is null && c.Stacks is null)
            throw new PerfNotebooksException($"#!compare needs --preset ({string.Join(", ", PlanPresets.Names)}) or --stacks A,B (see #!pyserver list).");
        if (c.Concurrency is not null && c.Rates is not null)
            throw new PerfNotebooksException("give either --concurrency (closed loop) or --rates (constant rate), not both.");

        ExperimentPlan plan;
        if (c.Preset is not null)
        {
            plan = PlanPresets.Get(c.Preset);
            if (c.Endpoints is not null || c.Concurrency is not null || c.Rates is not null || c.Workers is not null)
                plan = plan with { Matrices = plan.Matrices.Select(m => Override(m, c)).ToArray() };
        }
        else
        {
            var stacks = Args.List(c.Stacks).Select(StackCatalog.Get).ToArray();
            if (stacks.Length == 0) throw new PerfNotebooksException("--stacks is empty; give stack names, e.g. --stacks flask-gunicorn,starlette-uvicorn.");
            plan = new ExperimentPlan { Name = "notebook", Matrices = [Override(new PlanMatrix { Label = "custom", Stacks = stacks, Endpoints = ["/plaintext"], Levels = [32] }, c)] };
            if (PlanPresets.QuickModeRequested) plan = PlanPresets.Shrink(plan);
        }
        if (c.Repeat is not null) plan = plan with { Repetitions = Args.Int(c.Repeat, "--repeat", 1, 100)!.Value };
        // Quick mode (CI) keeps the preset's shrunk durations even when a notebook asks for longer ones.
        if (Args.Duration(c.Duration, "--duration") is { } duration) plan = plan with { Duration = PlanPresets.QuickModeRequested ? Min(duration, plan.Duration) : duration };
        if (Args.Duration(c.Warmup, "--warmup") is { } warmup) plan = plan with { Warmup = PlanPresets.QuickModeRequested ? Min(warmup, plan.Warmup) : warmup };
        return plan.Validate();
    }

    private static PlanMatrix Override(PlanMatrix m, CompareMagicCommand c)
    {
        if (c.Endpoints is not null)
        {
            var endpoints = Args.List(c.Endpoints);
            if (endpoints.Count == 0) throw new PerfNotebooksException("--endpoints is empty; give paths like /plaintext,/json,/io?ms=10.");
            m = m with { Endpoints = endpoints };
        }
        if (c.Concurrency is not null) m = m with { Model = LoadModel.ClosedLoop, Levels = Args.IntList(c.Concurrency, "--concurrency", 1, 100_000).Select(v => (double)v).ToArray() };
        if (c.Rates is not null) m = m with { Model = LoadModel.ConstantRate, Levels = Args.IntList(c.Rates, "--rates", 1, 10_000_000).Select(v => (double)v).ToArray() };
        if (c.Workers is not null) m = m with { Workers = Args.IntList(c.Workers, "--workers", 1, 64) };
        return m;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
