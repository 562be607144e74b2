using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>
/// One block of a plan: every stack x endpoint x worker count x load level. A plan can hold several
/// (the seed preset has a throughput block, a concurrency sweep and a worker sweep) so that a sweep
/// along one axis does not multiply every other axis.
/// </summary>
public sealed record PlanMatrix
{
    /// <summary>What this block is for, e.g. <c>throughput</c>, <c>concurrency</c>, <c>workers</c>.</summary>
    public string Label { get; init; } = "main";

    /// <summary>The stacks crossed with the endpoints and levels.</summary>
    public required IReadOnlyList<StackSpec> Stacks { get; init; }

    /// <summary>Request paths with their query, e.g. <c>/plaintext</c>, <c>/io?ms=10</c>, or the
    /// <see cref="EndpointRequest.Label"/> of one of <see cref="Requests"/>.</summary>
    public required IReadOnlyList<string> Endpoints { get; init; }

    /// <summary>Requests with a method, headers or a body (from a request file), each named in
    /// <see cref="Endpoints"/> by its label; an endpoint without one is a GET of its path.</summary>
    public IReadOnlyList<EndpointRequest> Requests { get; init; } = [];

    /// <summary>Closed loop (levels are connections) or constant rate (levels are requests per second).</summary>
    public LoadModel Model { get; init; } = LoadModel.ClosedLoop;

    /// <summary>Connection counts (closed loop) or requests per second (constant rate).</summary>
    public required IReadOnlyList<double> Levels { get; init; }

    /// <summary>Connections used at every rate level (constant-rate model only).</summary>
    public int RateConnections { get; init; } = 32;

    /// <summary>Worker counts to try; empty means each stack's own default.</summary>
    public IReadOnlyList<int> Workers { get; init; } = [];

    /// <summary>
    /// Start a fresh server for every cell of this block, even when the plan reuses servers across levels:
    /// a cell's memory then starts from an idle server (memory per connection), and no connection state
    /// carries over from a bigger level.
    /// </summary>
    public bool FreshServers { get; init; }

    /// <summary>This block's warm-up; null: the plan's.</summary>
    public TimeSpan? Warmup { get; init; }

    /// <summary>This block's measured time per cell; null: the plan's.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>This block's per-request timeout; null: the plan's (a long-waiting endpoint at thousands of connections needs longer).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// A rate that changes over each cell (a spike, a ramp, steps): the block runs at constant rate following it,
    /// its measured time is the profile's length and its one level is the profile's peak. Null: fixed levels.
    /// </summary>
    public Load.RateProfile? Profile { get; init; }

    /// <summary>
    /// WebSocket load on this block's endpoints (<c>/ws/echo</c>, <c>/ws/broadcast</c>): echo (closed loop at each
    /// connection count, or at each message rate), or a broadcast of M rooms over the block's connections. Null: HTTP.
    /// </summary>
    public Load.WebSocketLoad? WebSocket { get; init; }
}
