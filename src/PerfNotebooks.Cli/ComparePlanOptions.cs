using System.Globalization;
using PerfNotebooks.Experiments;
using PerfNotebooks.Load;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Cli;

/// <summary>
/// Turns <c>perfnb compare</c>'s text options into an <see cref="ExperimentPlan"/>: a preset, or a plan
/// from --stacks, with any option given overriding the preset's value. Every mistake is one line naming
/// what is accepted.
/// </summary>
internal sealed record ComparePlanOptions
{
    public string? Preset { get; init; }
    public string? Stacks { get; init; }
    public string? Endpoints { get; init; }
    public string? Connections { get; init; }
    public string? Rates { get; init; }
    public string? Workers { get; init; }
    public string? Repetitions { get; init; }
    public string? Duration { get; init; }
    public string? Warmup { get; init; }
    public string? Cooldown { get; init; }
    public bool Shuffle { get; init; }
    public string? Seed { get; init; }
    public bool ReuseServer { get; init; }

    public ExperimentPlan ToPlan()
    {
        if (Preset is not null && Stacks is not null)
            throw new PerfNotebooksException("give either --preset or --stacks, not both.");
        if (Connections is not null && Rates is not null)
            throw new PerfNotebooksException("give either --connections (closed loop) or --rates (constant rate), not both.");

        ExperimentPlan plan;
        if (Stacks is null)
        {
            plan = PlanPresets.Get(Preset ?? "quick");
            if (Endpoints is not null || Connections is not null || Rates is not null || Workers is not null)
                plan = plan with { Matrices = plan.Matrices.Select(Override).ToArray() };
        }
        else
        {
            var stacks = List(Stacks, "--stacks", "stack names, e.g. --stacks flask-gunicorn,starlette-uvicorn").Select(StackCatalog.Get).ToArray();
            var matrix = Override(new PlanMatrix { Label = "custom", Stacks = stacks, Endpoints = ["/plaintext"], Levels = [32] });
            plan = new ExperimentPlan { Name = "custom", Matrices = [matrix] };
            if (PlanPresets.QuickModeRequested) plan = PlanPresets.Shrink(plan);
        }

        if (Repetitions is not null) plan = plan with { Repetitions = Whole(Repetitions, "--reps", "a whole number from 1 to 100") };
        if (Duration is not null) plan = plan with { Duration = Load.Duration.Parse(Duration, "--duration") };
        if (Warmup is not null) plan = plan with { Warmup = Load.Duration.Parse(Warmup, "--warmup") };
        if (Cooldown is not null) plan = plan with { Cooldown = Load.Duration.Parse(Cooldown, "--cooldown") };
        if (ReuseServer) plan = plan with { ReuseServerAcrossLevels = true };
        if (Shuffle || Seed is not null)
        {
            var seed = Seed is null ? Random.Shared.Next() : Whole(Seed, "--seed", "a whole number");
            plan = plan with { Order = CellOrder.Shuffled, Seed = seed };
        }
        return plan.Validate();
    }

    private PlanMatrix Override(PlanMatrix m)
    {
        if (Endpoints is not null) m = m with { Endpoints = List(Endpoints, "--endpoints", "paths like /plaintext,/json,/io?ms=10") };
        if (Connections is not null) m = m with { Model = LoadModel.ClosedLoop, Levels = Numbers(Connections, "--connections", "whole numbers like 1,32,256") };
        if (Rates is not null) m = m with { Model = LoadModel.ConstantRate, Levels = Numbers(Rates, "--rates", "requests per second like 500,2000") };
        if (Workers is not null) m = m with { Workers = Numbers(Workers, "--workers", "whole numbers like 1,2").Select(w => (int)w).ToArray() };
        return m;
    }

    private static string[] List(string text, string option, string accepted)
    {
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0) throw new PerfNotebooksException($"{option} '{text}' is empty; give {accepted}.");
        return items;
    }

    private static double[] Numbers(string text, string option, string accepted)
        => List(text, option, accepted).Select(s =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                ? v
                : throw new PerfNotebooksException($"{option} '{text}' does not parse ('{s}' is not a number); give {accepted}.")).ToArray();

    private static int Whole(string text, string option, string accepted)
        => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new PerfNotebooksException($"{option} '{text}' does not parse; give {accepted}.");
}
