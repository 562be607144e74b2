using PerfNotebooks.Experiments;
using PerfNotebooks.Metrics;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Core.Tests.Reporting;

/// <summary>
/// A run built in memory with chosen figures per repetition, to check how a claim reads known numbers. NOT a
/// measurement: the claim specs that measure start real servers.
/// </summary>
internal sealed class ClaimRun
{
    private static readonly double[] Jitter = [1.0, 1.02, 0.98, 1.01, 0.99];
    private readonly List<(PlanMatrix Matrix, List<CellResult> Cells)> _blocks = [];
    private int _index;

    /// <summary>One condition: <paramref name="rps"/> has one value per repetition; the other figures repeat with a little jitter.</summary>
    public ClaimRun Add(string block, string stack, string endpoint, double level, double[] rps, LoadModel model = LoadModel.ClosedLoop,
        double p50Ms = 1, double p99Ms = 5, double pssMb = 50, double cpuPer1000 = 1, double errorRate = 0, double idlePssMb = double.NaN,
        long connectErrors = 0, long timeouts = 0, ServerLimits? limits = null, int? workers = null,
        PerfNotebooks.Load.RateProfile? profile = null, Func<int, IReadOnlyList<TimelineSecond>>? timeline = null)
    {
        var spec = StackCatalog.Get(stack) with { Limits = limits };
        if (workers is { } w) spec = spec with { Workers = w };
        var matrix = _blocks.FirstOrDefault(b => b.Matrix.Label == block).Matrix;
        if (matrix is null)
        {
            matrix = new PlanMatrix { Label = block, Stacks = [], Endpoints = [], Levels = [], Model = model, Profile = profile };
            _blocks.Add((matrix, []));
        }
        var i = _blocks.FindIndex(b => b.Matrix.Label == block);
        var (m, cells) = _blocks[i];
        m = m with
        {
            Stacks = m.Stacks.Any(s => s.Name == stack && s.Workers == spec.Workers) ? m.Stacks : [.. m.Stacks, spec],
            Endpoints = m.Endpoints.Contains(endpoint) ? m.Endpoints : [.. m.Endpoints, endpoint],
            Levels = m.Levels.Contains(level) ? m.Levels : [.. m.Levels, level],
        };
        for (var rep = 0; rep < rps.Length; rep++)
        {
            var j = Jitter[rep % Jitter.Length];
            var cell = new PlanCell
            {
                Index = _index++, Matrix = block, Stack = spec, Endpoint = endpoint, Model = model,
                Connections = model == LoadModel.ClosedLoop ? (int)level : 8, Rate = model == LoadModel.ConstantRate ? level : null, Repetition = rep + 1,
                Profile = profile,
            };
            var requests = (long)(rps[rep] * 2);
            var errors = (long)(errorRate * requests) + connectErrors + timeouts;
            var latency = new LatencyPercentiles(p50Ms * 1000 * j, (long)(p50Ms * 1000 * j), (long)(p50Ms * 1200 * j), (long)(p99Ms * 500 * j), (long)(p99Ms * 1000 * j), (long)(p99Ms * 1100 * j), (long)(p99Ms * 1200 * j));
            var pss = (long)(pssMb * 1e6 * j);
            cells.Add(new CellResult
            {
                Cell = cell,
                StartedAt = DateTimeOffset.UnixEpoch.AddSeconds(cell.Index * 3),
                Summary = new LoadSummary(requests, profile is null ? 2 : profile.Length.TotalSeconds, rps[rep], latency, errors),
                Errors = new ErrorCounts { Read = (long)(errorRate * requests), Connect = connectErrors, Timeout = timeouts },
                Client = new ClientAudit(0.1, 0, 0, false, null),
                Server = new ServerUsage(90, cpuPer1000 * j * requests / 1000.0, pss * 2, pss, 3),
                Timeline = timeline?.Invoke(rep) ?? [],
                Resources = double.IsNaN(idlePssMb) ? [] : [new ResourceSample(TimeSpan.Zero, 0, 0, 0, (long)(idlePssMb * 2e6), (long)(idlePssMb * 1e6), 3)],
            });
        }
        _blocks[i] = (m, cells);
        return this;
    }

    public RunRecord Build(CorePlacement? placement = null) => new()
    {
        Directory = Path.GetTempPath(),
        Info = new RunInfo
        {
            Id = "claims",
            Plan = new ExperimentPlan { Name = "claims", Matrices = _blocks.Select(b => b.Matrix).ToArray(), Repetitions = 3, Placement = placement, Timeout = TimeSpan.FromSeconds(5) },
            Environment = SyntheticRun.Environment() with { Limits = new SystemLimits { Somaxconn = 4096, OpenFilesSoft = 20000, OpenFilesHard = 20000 } },
            Status = RunStatus.Complete,
        },
        Results = _blocks.SelectMany(b => b.Cells).OrderBy(c => c.Cell.Index).ToList(),
    };
}
