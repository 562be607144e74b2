using System.Globalization;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>
/// What a comparison measures: one or more <see cref="PlanMatrix"/> blocks (stacks x endpoints x
/// worker counts x load levels) times <see cref="Repetitions"/>, with the timing of every cell.
/// Immutable; adjust with <c>with</c>. Stored in run.json so a run can be resumed and re-read.
/// </summary>
public sealed record ExperimentPlan
{
    /// <summary>A short name (the preset's, or <c>custom</c>): part of the run folder's name.</summary>
    public string Name { get; init; } = "custom";

    /// <summary>The matrices of the plan: each crosses its stacks, endpoints and load levels.</summary>
    public required IReadOnlyList<PlanMatrix> Matrices { get; init; }

    /// <summary>Each cell is measured this many times; a mean and a confidence interval need at least 2.</summary>
    public int Repetitions { get; init; } = 2;

    /// <summary>Load driven before each cell's measurement and not recorded.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Measured time per cell.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause after each cell so sockets in TIME_WAIT and the CPU settle before the next.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Per-request timeout handed to the load engine.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The order cells run in: as listed, or shuffled with <see cref="Seed"/>.</summary>
    public CellOrder Order { get; init; } = CellOrder.AsListed;

    /// <summary>Seed of the shuffle; recorded so a shuffled order can be reproduced.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Keep one server running for all cells of one stack, worker count and repetition (levels and
    /// endpoints) instead of starting it fresh per cell: faster, at the price of carrying state over.
    /// </summary>
    public bool ReuseServerAcrossLevels { get; init; }

    /// <summary>
    /// Where the generator and the servers run (generator on one CPU, servers on the rest); null: they
    /// share every CPU. Kept with the plan in run.json, so a resumed run measures the same way.
    /// </summary>
    public CorePlacement? Placement { get; init; }

    /// <summary>Every endpoint of the contract (DESIGN.md) and the realistic workloads: the path part of a catalog
    /// stack's endpoint must be one of them.</summary>
    /// <summary>The WebSocket endpoints of the contract (a block with <see cref="PlanMatrix.WebSocket"/> load measures them).</summary>
    public static IReadOnlyList<string> WebSocketEndpoints { get; } = ["/ws/echo", "/ws/broadcast"];

    /// <summary>The endpoints of the contract every app serves, and the realistic workloads'.</summary>
    public static IReadOnlyList<string> KnownEndpoints { get; } = ["/plaintext", "/json", "/io", "/cpu", "/bytes", "/echo", .. Backends.Workloads.Endpoints];

    /// <summary>The database the servers get; null: SQLite when an endpoint is one of the realistic workloads
    /// (/db, /queries, /fortunes, /updates), else none (see <see cref="DatabaseToStart"/>).</summary>
    public Backends.DatabaseKind? Database { get; init; }

    /// <summary>The database a run of this plan starts: the one asked for, or SQLite when a workload needs one, or none.</summary>
    public Backends.DatabaseKind? DatabaseToStart
        => Database ?? (Matrices.Any(m => m.Endpoints.Any(e => Backends.Workloads.NeedsDatabase(m.Requests.FirstOrDefault(r => r.Label == e)?.Path ?? e)))
            ? Backends.DatabaseKind.Sqlite
            : null);

    /// <summary>Throws a <see cref="PerfNotebooksException"/> saying what is wrong, or returns the plan.</summary>
    public ExperimentPlan Validate()
    {
        if (Matrices.Count == 0) throw new PerfNotebooksException("the plan is empty: give at least one stack, one endpoint and one load level.");
        foreach (var m in Matrices)
        {
            if (m.Stacks.Count == 0 || m.Endpoints.Count == 0 || m.Levels.Count == 0)
                throw new PerfNotebooksException($"the plan's '{m.Label}' block is empty ({m.Stacks.Count} stacks, {m.Endpoints.Count} endpoints, {m.Levels.Count} levels): each needs at least one.");
            foreach (var stack in m.Stacks)
            {
                // The name goes into every cell's id, which names files in the run folder.
                if (string.IsNullOrEmpty(stack.Name) || !char.IsAsciiLetterOrDigit(stack.Name[0]) || !stack.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                    throw new PerfNotebooksException($"stack name '{stack.Name}' is not accepted; use letters, digits, '-', '_' and '.', starting with a letter or digit.");
            }
            // Catalog apps serve the endpoint contract; a user's app or command serves its own paths.
            var contractOnly = m.Stacks.All(s => s.UserApp is null && s.Command is null);
            foreach (var e in m.Endpoints)
            {
                if (m.Requests.Any(r => r.Label == e)) continue;
                var path = e.Split('?', 2)[0];
                if (contractOnly && (m.WebSocket is not null || WebSocketEndpoints.Contains(path)))
                {
                    if (m.WebSocket is null || !WebSocketEndpoints.Contains(path))
                        throw new PerfNotebooksException(m.WebSocket is null
                            ? $"endpoint '{e}' speaks WebSocket; the '{m.Label}' block drives HTTP load (a block with WebSocket load measures {string.Join(" and ", WebSocketEndpoints)})."
                            : $"the '{m.Label}' block drives WebSocket load, so its endpoints are {string.Join(" and ", WebSocketEndpoints)}, not '{e}'.");
                    continue;
                }
                if (contractOnly ? !KnownEndpoints.Contains(path) : !path.StartsWith('/'))
                    throw new PerfNotebooksException(contractOnly
                        ? $"unknown endpoint '{e}'; known: {string.Join(", ", KnownEndpoints)} (a query like /io?ms=10 may follow)."
                        : $"endpoint '{e}' is not a path; give paths that start with /, like /items?page=2.");
                if (contractOnly && Backends.Workloads.NeedsDatabase(path)
                    && m.Stacks.FirstOrDefault(s => Servers.PythonApp.Find(s.App) is { ServesDatabase: false }) is { } bare)
                    throw new PerfNotebooksException(
                        $"stack {bare.Name} does not serve {path} (the bare WSGI app has no database); the realistic workloads are served by every other catalog app.");
            }
            foreach (var level in m.Levels)
            {
                if (m.Model == LoadModel.ClosedLoop && (level < 1 || level > 100_000 || level != Math.Floor(level)))
                    throw new PerfNotebooksException($"load level '{level.ToString(CultureInfo.InvariantCulture)}' is not a connection count; use whole numbers from 1 to 100000.");
                if (m.Model == LoadModel.ConstantRate && (!(level > 0) || double.IsInfinity(level)))
                    throw new PerfNotebooksException($"load level '{level.ToString(CultureInfo.InvariantCulture)}' is not a rate; use requests per second above 0.");
            }
            if (m.Model == LoadModel.ConstantRate && m.RateConnections < 1)
                throw new PerfNotebooksException("rate connections must be at least 1.");
            foreach (var w in m.Workers)
                if (!WorkerLimits.AcceptsWorkers(w))
                    throw new PerfNotebooksException($"worker count {w.ToString(CultureInfo.InvariantCulture)} is not accepted; use {WorkerLimits.WorkersRule} ({WorkerLimits.MaxWorkers.ToString(CultureInfo.InvariantCulture)} here).");
        }
        if (Repetitions < 1 || Repetitions > 100) throw new PerfNotebooksException($"repetitions {Repetitions.ToString(CultureInfo.InvariantCulture)} is not accepted; use 1 to 100.");
        if (Duration <= TimeSpan.Zero) throw new PerfNotebooksException($"duration {Load.Duration.Format(Duration)} is not accepted; it must be above zero.");
        if (Warmup < TimeSpan.Zero || Cooldown < TimeSpan.Zero) throw new PerfNotebooksException("warm-up and cool-down cannot be negative.");
        foreach (var m in Matrices)
        {
            if (m.Duration is { } d && d <= TimeSpan.Zero) throw new PerfNotebooksException($"the '{m.Label}' block's duration {Load.Duration.Format(d)} is not accepted; it must be above zero.");
            if (m.Warmup is { } w && w < TimeSpan.Zero) throw new PerfNotebooksException($"the '{m.Label}' block's warm-up cannot be negative.");
            if (m.Timeout is { } t && t <= TimeSpan.Zero) throw new PerfNotebooksException($"the '{m.Label}' block's timeout must be above zero.");
            if (m.Profile is not null && m.Model != LoadModel.ConstantRate)
                throw new PerfNotebooksException($"the '{m.Label}' block follows a rate profile, so it must be open loop (constant rate), not closed loop.");
            if (m.WebSocket is { } ws)
            {
                if (m.Stacks.FirstOrDefault(s => !s.WebSockets) is { } plain)
                    throw new PerfNotebooksException($"the '{m.Label}' block drives WebSocket load, but stack '{plain.Name}' does not serve WebSockets.");
                if (ws.Rooms is not null && m.Model != LoadModel.ConstantRate)
                    throw new PerfNotebooksException($"the '{m.Label}' block broadcasts over rooms, so it runs at a message rate (constant rate), not closed loop.");
                if (ws.Rooms is { } rooms && (rooms < 1 || m.RateConnections < 2 * rooms))
                    throw new PerfNotebooksException($"the '{m.Label}' block's {rooms} room(s) need at least two of its {m.RateConnections} connections each.");
            }
        }
        return this;
    }

    /// <summary>
    /// Every cell in run order. As listed: repetition, block, stack, workers, endpoint, level (repetitions
    /// outermost, so a slow drift lands on every stack rather than on one). A cell that two blocks both
    /// produce is measured once. Deterministic: the same plan gives the same cells in the same order.
    /// </summary>
    public IReadOnlyList<PlanCell> Cells()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<List<PlanCell>>();
        var groupIndex = new Dictionary<string, List<PlanCell>>(StringComparer.Ordinal);
        for (var rep = 1; rep <= Repetitions; rep++)
        {
            foreach (var m in Matrices)
            {
                foreach (var stack in m.Stacks)
                {
                    IReadOnlyList<int> workers = m.Workers.Count > 0 ? m.Workers : [stack.Workers];
                    foreach (var w in workers)
                    {
                        var spec = stack with { Workers = w };
                        foreach (var endpoint in m.Endpoints)
                        {
                            foreach (var level in m.Profile is { } rates ? [rates.PeakRate] : m.Levels)
                            {
                                var cell = new PlanCell
                                {
                                    Index = -1,
                                    Matrix = m.Label,
                                    Stack = spec,
                                    Endpoint = endpoint,
                                    Request = m.Requests.FirstOrDefault(r => r.Label == endpoint),
                                    Model = m.Model,
                                    Connections = m.Model == LoadModel.ClosedLoop ? (int)level : m.RateConnections,
                                    Rate = m.Profile is { } profile ? profile.PeakRate : m.Model == LoadModel.ConstantRate ? level : null,
                                    Repetition = rep,
                                    Profile = m.Profile,
                                    WebSocket = m.WebSocket,
                                };
                                if (!seen.Add(cell.Id)) continue;
                                var key = ServerKey(cell, m);
                                if (!groupIndex.TryGetValue(key, out var group))
                                {
                                    group = [];
                                    groupIndex[key] = group;
                                    groups.Add(group);
                                }
                                group.Add(cell);
                            }
                        }
                    }
                }
            }
        }
        if (Order == CellOrder.Shuffled)
        {
            // Fisher-Yates over server groups with the recorded seed: reproducible, and a reused server
            // still sees its levels back to back.
            var random = new Random(Seed);
            for (var i = groups.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (groups[i], groups[j]) = (groups[j], groups[i]);
            }
        }
        var cells = new List<PlanCell>();
        foreach (var group in groups)
            foreach (var cell in group)
                cells.Add(cell with { Index = cells.Count });
        return cells;
    }

    /// <summary>A rough time for the whole plan (server start and stop guessed at 1.5 s each time), for a progress ETA.</summary>
    public TimeSpan EstimatedDuration(int cellCount, int serverStarts)
        => TimeSpan.FromSeconds(cellCount * (Warmup + Duration + Cooldown).TotalSeconds + serverStarts * ServerStartSeconds);

    /// <summary>A start and a stop of a server, guessed for estimates (measured: 1 to 2 s on a quiet 2-core machine).</summary>
    public const double ServerStartSeconds = 1.5;

    /// <summary>
    /// A rough time for the whole plan from its cells: each cell's own block timing (warm-up + measured
    /// time + cool-down) and one server start per server the plan starts.
    /// </summary>
    public TimeSpan EstimatedDuration()
    {
        var cells = Cells();
        var seconds = cells.Sum(c => (WarmupOf(c) + DurationOf(c) + Cooldown).TotalSeconds);
        var starts = cells.Select(c => ServerKey(c, MatrixOf(c))).Distinct(StringComparer.Ordinal).Count();
        return TimeSpan.FromSeconds(seconds + starts * ServerStartSeconds);
    }

    /// <summary>The block a cell came from (by its label).</summary>
    public PlanMatrix MatrixOf(PlanCell cell) => Matrices.FirstOrDefault(m => m.Label == cell.Matrix) ?? Matrices[0];

    /// <summary>The warm-up of a cell: its block's, or the plan's.</summary>
    public TimeSpan WarmupOf(PlanCell cell) => MatrixOf(cell).Warmup ?? Warmup;

    /// <summary>The measured time of a cell: its rate profile's length, its block's, or the plan's.</summary>
    public TimeSpan DurationOf(PlanCell cell) => cell.Profile?.Length ?? MatrixOf(cell).Duration ?? Duration;

    /// <summary>The per-request timeout of a cell: its block's, or the plan's.</summary>
    public TimeSpan TimeoutOf(PlanCell cell) => MatrixOf(cell).Timeout ?? Timeout;

    /// <summary>
    /// Cells with the same key share one server: with <see cref="ReuseServerAcrossLevels"/>, those of one
    /// repetition, block, stack and worker count (unless the block asks for fresh servers); otherwise each cell.
    /// </summary>
    public string ServerKey(PlanCell cell, PlanMatrix matrix)
        => ReuseServerAcrossLevels && !matrix.FreshServers
            ? $"{cell.Repetition.ToString(CultureInfo.InvariantCulture)}|{matrix.Label}|{cell.Stack.Name}|{cell.Workers.ToString(CultureInfo.InvariantCulture)}"
            : cell.Id;
}
