using System.Globalization;
using PerfNotebooks.Load;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>
/// A comparison asked for in text (the options of a front end's compare command), turned into an
/// <see cref="ExperimentPlan"/>: a preset, or a plan from a stack list, with every option given overriding the
/// preset's value. One type for both front ends, so they accept the same values and fail with the same words;
/// only the option names (<see cref="Names"/>) and whether a preset is implied (<see cref="DefaultPreset"/>) differ.
/// Every mistake is one line naming the option, the value and what is accepted.
/// </summary>
public sealed partial record PlanRequest
{
    /// <summary>A preset's name.</summary>
    public string? Preset { get; init; }
    /// <summary>Stacks, comma-separated.</summary>
    public string? Stacks { get; init; }
    /// <summary>Endpoints, comma-separated.</summary>
    public string? Endpoints { get; init; }
    /// <summary>Connection counts, comma-separated (closed loop).</summary>
    public string? Connections { get; init; }
    /// <summary>Rates in requests per second, comma-separated (constant rate).</summary>
    public string? Rates { get; init; }

    /// <summary>A rate profile (spike, ramp, step, schedule) every block follows instead of fixed levels (<see cref="RateProfile"/>).</summary>
    public string? Profile { get; init; }

    /// <summary>Worker counts, comma-separated.</summary>
    public string? Workers { get; init; }
    /// <summary>Repetitions of every cell.</summary>
    public string? Repetitions { get; init; }
    /// <summary>Measured time per cell.</summary>
    public string? Duration { get; init; }
    /// <summary>Unrecorded load before each cell.</summary>
    public string? Warmup { get; init; }
    /// <summary>Pause between cells.</summary>
    public string? Cooldown { get; init; }
    /// <summary>Run the cells in a shuffled order.</summary>
    public bool Shuffle { get; init; }
    /// <summary>The shuffle's seed.</summary>
    public string? Seed { get; init; }
    /// <summary>One server per stack across load levels.</summary>
    public bool ReuseServer { get; init; }

    /// <summary>
    /// Put the generator on one CPU and the servers on the others (<see cref="CorePlacement"/>) where
    /// there are two or more; false lets them share every CPU.
    /// </summary>
    public bool SeparateCores { get; init; } = true;

    /// <summary>The spelling of the options in the front end that asked, used in error messages.</summary>
    public required PlanOptionNames Names { get; init; }

    /// <summary>The preset used when neither a preset nor stacks are given; null: one of them is required.</summary>
    public string? DefaultPreset { get; init; } = "quick";

    /// <summary>The name of a plan built from a stack list.</summary>
    public string CustomPlanName { get; init; } = "custom";

    /// <summary>The plan asked for, checked; a mistake is one line (<see cref="PerfNotebooksException"/>) naming the option as the front end spells it.</summary>
    public ExperimentPlan ToPlan()
    {
        var n = Names;
        if (Preset is not null && Stacks is not null)
            throw new PerfNotebooksException($"give either {n.Preset} or {n.Stacks}, not both.");
        CheckAppOptions();
        if (Preset is null && Stacks is null && !HasOwnStacks && DefaultPreset is null)
            throw new PerfNotebooksException($"{n.Command} needs {n.Preset} ({string.Join(", ", PlanPresets.Names)}), {n.Stacks} A,B (the stacks are in the catalog) or {n.App} module:callable (an app of your own).");
        if (Connections is not null && Rates is not null)
            throw new PerfNotebooksException($"give either {n.Connections} (closed loop) or {n.Rates} (constant rate), not both.");
        if (Profile is not null && (Connections is not null || Rates is not null))
            throw new PerfNotebooksException($"give either {n.Profile} (a rate that changes) or {(Connections is not null ? n.Connections : n.Rates)}, not both.");

        ExperimentPlan plan;
        if (Stacks is null && !HasOwnStacks)
        {
            plan = PlanPresets.Get(Preset ?? DefaultPreset!);
            if (Endpoints is not null || Connections is not null || Rates is not null || Profile is not null || Workers is not null)
                plan = plan with { Matrices = plan.Matrices.Select(Override).ToArray() };
            // The preset was shrunk before the override; a profile given now is shrunk the same way (a third of the time).
            if (Profile is not null && PlanPresets.QuickModeRequested)
                plan = plan with { Matrices = plan.Matrices.Select(m => m with { Profile = m.Profile?.Scaled(1.0 / 3) }).ToArray() };
        }
        else
        {
            StackSpec[] named = Stacks is null ? [] : [.. List(Stacks, n.Stacks, "stack names, e.g. flask-gunicorn,starlette-uvicorn").Select(FindStack)];
            StackSpec[] stacks = [.. named, .. OwnStacks().Where(s => !named.Any(m => m.Name == s.Name))];
            var matrix = WithRequests(Override(new PlanMatrix { Label = "custom", Stacks = stacks, Endpoints = DefaultEndpoints(), Levels = [32] }));
            plan = new ExperimentPlan { Name = CustomPlanName, Matrices = [matrix] };
            if (PlanPresets.QuickModeRequested) plan = PlanPresets.Shrink(plan);
        }

        if (Repetitions is not null) plan = plan with { Repetitions = Whole(Repetitions, n.Repetitions, 1, 100) };
        // Quick mode (CI) keeps its short durations even when a plan asks for longer ones.
        if (Duration is not null) plan = plan with { Duration = Capped(Load.Duration.Parse(Duration, n.Duration), plan.Duration) };
        if (Warmup is not null) plan = plan with { Warmup = Capped(Load.Duration.Parse(Warmup, n.Warmup), plan.Warmup) };
        if (Cooldown is not null) plan = plan with { Cooldown = Capped(Load.Duration.Parse(Cooldown, n.Cooldown), plan.Cooldown) };
        if (ReuseServer) plan = plan with { ReuseServerAcrossLevels = true };
        plan = WithOwnSettings(plan) with { Placement = SeparateCores ? CorePlacement.ForThisMachine() : null };
        if (Shuffle || Seed is not null)
        {
            var seed = Seed is null ? Random.Shared.Next() : Whole(Seed, n.Seed, 0, int.MaxValue);
            plan = plan with { Order = CellOrder.Shuffled, Seed = seed };
        }
        plan.Validate();
        // Each stack with each worker count must be one the launcher accepts on this machine (a single-process
        // server takes 1 worker; WorkerLimits): said now, not once per cell when its server will not start.
        var checkedStacks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in plan.Cells())
            if (checkedStacks.Add($"{cell.Stack.Name}|{cell.Workers}")) LaunchPlanner.Resolve(cell.Stack);
        return plan;
    }

    private PlanMatrix Override(PlanMatrix m)
    {
        var n = Names;
        if (Endpoints is not null)
        {
            m = m with { Endpoints = List(Endpoints, n.Endpoints, "paths like /plaintext,/json,/io?ms=10") };
            foreach (var endpoint in m.Endpoints) EndpointQuery.Validate(endpoint, n.Endpoints);
        }
        if (Connections is not null)
            m = m with { Model = LoadModel.ClosedLoop, Levels = WholeList(Connections, n.Connections, 1, 100_000, "connection count").Select(c => (double)c).ToArray() };
        if (Rates is not null) m = m with { Model = LoadModel.ConstantRate, Levels = RateList(Rates, n.Rates) };
        if (Profile is not null)
        {
            var profile = RateProfile.Parse(Profile, n.Profile);
            m = m with { Model = LoadModel.ConstantRate, Profile = profile, Levels = [profile.PeakRate] };
        }
        if (Workers is not null)
            m = m with { Workers = WholeList(Workers, n.Workers, WorkerLimits.MinWorkers, WorkerLimits.MaxWorkers, "worker count", $"whole numbers from {WorkerLimits.WorkersRule}, like 1,2,8") };
        return m;
    }

    private static TimeSpan Capped(TimeSpan asked, TimeSpan quick)
        => PlanPresets.QuickModeRequested && quick < asked ? quick : asked;

    private static string[] List(string text, string option, string accepted)
    {
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0) throw new PerfNotebooksException($"{option} '{text}' is empty; give {accepted}.");
        return items;
    }

    private static int[] WholeList(string text, string option, int min, int max, string noun, string? accepted = null)
    {
        accepted ??= $"whole numbers from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, like 1,2,8";
        return List(text, option, accepted).Select(s =>
            !int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? throw new PerfNotebooksException($"{option} '{text}' does not parse ('{s}' is not a whole number); give {accepted}.")
                : v < min || v > max
                    ? throw new PerfNotebooksException($"{option} '{text}': {s} is not a {noun}; give {accepted}.")
                    : v).ToArray();
    }

    private static double[] RateList(string text, string option)
    {
        const string accepted = "requests per second above 0, like 500,2000";
        return List(text, option, accepted).Select(s =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v > 0
                ? v
                : throw new PerfNotebooksException($"{option} '{text}' does not parse ('{s}' is not accepted); give {accepted}.")).ToArray();
    }

    private static int Whole(string text, string option, int min, int max)
        => int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new PerfNotebooksException(
                $"{option} '{text}' does not parse; give a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
}

/// <summary>
/// How a front end spells the command and the options of a <see cref="PlanRequest"/>, for the one-line mistakes the
/// request reports. The front end gives them (from its own option definitions): the core names none.
/// </summary>
public sealed record PlanOptionNames
{
    /// <summary>The front end's name for the command itself.</summary>
    public required string Command { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Preset"/>.</summary>
    public required string Preset { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Stacks"/>.</summary>
    public required string Stacks { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Endpoints"/>.</summary>
    public required string Endpoints { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Connections"/>.</summary>
    public required string Connections { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Rates"/>.</summary>
    public required string Rates { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Profile"/>.</summary>
    public required string Profile { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Workers"/>.</summary>
    public required string Workers { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Repetitions"/>.</summary>
    public required string Repetitions { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Duration"/>.</summary>
    public required string Duration { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Warmup"/>.</summary>
    public required string Warmup { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Cooldown"/>.</summary>
    public required string Cooldown { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Seed"/>.</summary>
    public required string Seed { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.App"/>.</summary>
    public required string App { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.AppDir"/>.</summary>
    public required string AppDir { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.PythonPath"/>.</summary>
    public required string PythonPath { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Interface"/>.</summary>
    public required string Interface { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Servers"/>.</summary>
    public required string Servers { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.ReadyPath"/>.</summary>
    public required string ReadyPath { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Requests"/>.</summary>
    public required string Requests { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Python"/>.</summary>
    public required string Python { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.StackFile"/>.</summary>
    public required string StackFile { get; init; }

    /// <summary>The front end's name for the option of <see cref="PlanRequest.Database"/>.</summary>
    public required string Database { get; init; }
}
