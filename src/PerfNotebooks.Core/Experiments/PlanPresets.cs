using PerfNotebooks.Servers;

namespace PerfNotebooks.Experiments;

/// <summary>
/// Named plans. <c>seed</c> measures the classic article's comparison; <c>quick</c> is what the README's
/// first command runs (the article's stacks on two endpoints and two loads, done within about three minutes). With PERFNB_QUICK=1 in the
/// environment any preset is shrunk (<see cref="Shrink"/>): tests and CI use it.
/// </summary>
public static class PlanPresets
{
    /// <summary>The environment variable that asks for quick mode.</summary>
    public const string QuickEnvironmentVariable = "PERFNB_QUICK";

    /// <summary>The presets' names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["seed", "quick", "realistic", "connections", "spikes", "realtime"];

    /// <summary>Quick mode (PERFNB_QUICK=1) never opens more connections than this per cell.</summary>
    public const int QuickMaxConnections = 512;

    /// <summary>True when PERFNB_QUICK is set to 1 (or true/yes).</summary>
    public static bool QuickModeRequested
    {
        get
        {
            var v = System.Environment.GetEnvironmentVariable(QuickEnvironmentVariable)?.Trim().ToLowerInvariant();
            return v is "1" or "true" or "yes";
        }
    }

    /// <summary>The preset of that name, shrunk when PERFNB_QUICK=1; unknown names get a one-line error listing the known ones.</summary>
    public static ExperimentPlan Get(string name)
    {
        var plan = name.Trim().ToLowerInvariant() switch
        {
            "seed" => Seed(),
            "quick" => Quick(),
            "realistic" => Realistic(),
            "connections" => Connections(),
            "spikes" => Spikes(),
            "realtime" => Realtime(),
            _ => throw new PerfNotebooksException($"unknown preset '{name}'; known presets: {string.Join(", ", Names)}."),
        };
        return QuickModeRequested ? Shrink(plan) : plan;
    }

    /// <summary>
    /// The seed comparison: Django (dev server, Gunicorn), Flask (dev server, Gunicorn sync / gthread /
    /// gevent), Tornado, with uvicorn+Starlette and aiohttp as modern references; /plaintext, /json and
    /// /io at 32 connections; a concurrency sweep (1 to 256) on /io; a worker sweep up to the cores on
    /// /plaintext. Three repetitions (with two, Student's t for 1 degree of freedom is 12.7 and
    /// almost nothing can be told apart): about 200 cells of 1 s warm-up + 2 s measured, 13 to 15 minutes
    /// on an otherwise idle 2-core machine.
    /// </summary>
    public static ExperimentPlan Seed()
    {
        string[] names =
        [
            "django-runserver", "django-gunicorn", "flask-dev", "flask-gunicorn", "flask-gunicorn-gthread",
            "flask-gunicorn-gevent", "tornado", "starlette-uvicorn", "aiohttp",
        ];
        var stacks = names.Select(StackCatalog.Get).ToArray();
        var cores = Math.Clamp(System.Environment.ProcessorCount, 1, 8);
        return new ExperimentPlan
        {
            Name = "seed",
            Matrices =
            [
                new PlanMatrix { Label = "throughput", Stacks = stacks, Endpoints = ["/plaintext", "/json", "/io?ms=10"], Levels = [32] },
                new PlanMatrix { Label = "concurrency", Stacks = stacks, Endpoints = ["/io?ms=10"], Levels = [1, 8, 32, 128, 256] },
                ConnectionsMatrix([1000, 5000], ["/io?ms=1000"]),
                .. FrameworkCostMatrices(),
                GunicornConfigMatrix(),
                SpikesMatrix(),
                .. RealtimeMatrices(),
                new PlanMatrix
                {
                    Label = "workers",
                    Stacks = new[] { "flask-gunicorn", "django-gunicorn", "wsgi-gunicorn" }.Select(StackCatalog.Get).ToArray(),
                    Endpoints = ["/plaintext"],
                    Levels = [32],
                    Workers = Enumerable.Range(1, cores).ToArray(),
                },
            ],
            Repetitions = 3,
            Warmup = TimeSpan.FromSeconds(1),
            Duration = TimeSpan.FromSeconds(2),
            Cooldown = TimeSpan.FromMilliseconds(500),
            ReuseServerAcrossLevels = true,
        };
    }

    /// <summary>The block comparing Django's and Flask's response times on the same server (<see cref="FrameworkCostMatrices"/>).</summary>
    public const string FrameworkLatencyBlock = "framework-latency";

    /// <summary>The block comparing Django's and Flask's resource use at one fixed rate (<see cref="FrameworkCostMatrices"/>).</summary>
    public const string FrameworkResourcesBlock = "framework-resources";

    /// <summary>The block meeting a traffic spike (<see cref="SpikesMatrix"/>).</summary>
    public const string SpikesBlock = "spikes";

    /// <summary>
    /// A tenfold spike on /io?ms=10: 40 req/s (well within one sync worker's ~100), then 400 for 3 s (four times
    /// it), then 40 again for 6 s to watch the recovery.
    /// </summary>
    public const string SpikeProfileText = "spike:base=40,peak=400,at=3s,for=3s,length=12s";

    /// <summary>
    /// Traffic spikes: Flask under Gunicorn as it comes (one sync worker), with more sync workers (2 x cores + 1),
    /// with gevent workers, and Tornado and uvicorn+Starlette, each following <see cref="SpikeProfileText"/>
    /// on /io?ms=10 with 64 connections (enough to send 400 req/s while answers are slow).
    /// </summary>
    public static PlanMatrix SpikesMatrix()
    {
        var profile = Load.RateProfile.Parse(SpikeProfileText);
        return new PlanMatrix
        {
            Label = SpikesBlock,
            Stacks =
            [
                StackCatalog.Get("flask-gunicorn-defaults"),
                StackCatalog.Get("flask-gunicorn") with { Workers = 2 * System.Environment.ProcessorCount + 1 },
                StackCatalog.Get("flask-gunicorn-gevent"),
                StackCatalog.Get("tornado"),
                StackCatalog.Get("starlette-uvicorn"),
            ],
            Endpoints = ["/io?ms=10"],
            Model = LoadModel.ConstantRate,
            Levels = [profile.PeakRate],
            RateConnections = 64,
            Profile = profile,
        };
    }

    /// <summary>WebSocket echo, closed loop (<see cref="RealtimeMatrices"/>).</summary>
    public const string RealtimeEchoBlock = "realtime-echo";

    /// <summary>WebSocket echo at a fixed message rate (<see cref="RealtimeMatrices"/>).</summary>
    public const string RealtimeRateBlock = "realtime-rate";

    /// <summary>WebSocket chat broadcast over rooms (<see cref="RealtimeMatrices"/>).</summary>
    public const string RealtimeBroadcastBlock = "realtime-broadcast";

    /// <summary>The stacks that serve WebSockets, Tornado first: its native handler, aiohttp's, Starlette under uvicorn, Django (plain ASGI) under uvicorn and Daphne, Flask under gevent-websocket.</summary>
    public static IReadOnlyList<string> RealtimeStacks { get; } =
        ["tornado", "aiohttp", "starlette-uvicorn", "django-uvicorn", "django-daphne", "flask-gunicorn-gevent-ws"];

    /// <summary>Messages per second of the echo-at-a-rate block, over 64 clients.</summary>
    public const double RealtimeEchoRate = 1000;

    /// <summary>Messages per second of the broadcast block over all senders: 4 rooms of 16, each message delivered to 15 others (3,000 deliveries/s).</summary>
    public const double RealtimeBroadcastRate = 200;

    /// <summary>
    /// Real time: every WebSocket stack with one process (a broadcast room lives in one process, and Tornado, aiohttp
    /// and Daphne serve with one), 64-byte text messages: echo closed loop at 1 and 64 clients (latency alone, then
    /// throughput), echo at <see cref="RealtimeEchoRate"/> messages/s over 64 clients (latency at a rate every stack
    /// should sustain, coordinated-omission corrected), and a chat of 4 rooms x 16 clients at
    /// <see cref="RealtimeBroadcastRate"/> messages/s (delivery latency from send to receipt at every other client).
    /// </summary>
    public static IReadOnlyList<PlanMatrix> RealtimeMatrices()
    {
        var stacks = RealtimeStacks.Select(n => StackCatalog.Get(n) with { Workers = 1 }).ToArray();
        return
        [
            new PlanMatrix { Label = RealtimeEchoBlock, Stacks = stacks, Endpoints = ["/ws/echo"], Levels = [1, 64], WebSocket = Load.WebSocketLoad.Echo },
            new PlanMatrix
            {
                Label = RealtimeRateBlock, Stacks = stacks, Endpoints = ["/ws/echo"], Model = LoadModel.ConstantRate, Levels = [RealtimeEchoRate],
                RateConnections = 64, WebSocket = Load.WebSocketLoad.Echo,
            },
            new PlanMatrix
            {
                Label = RealtimeBroadcastBlock, Stacks = stacks, Endpoints = ["/ws/broadcast"], Model = LoadModel.ConstantRate, Levels = [RealtimeBroadcastRate],
                RateConnections = 64, WebSocket = new Load.WebSocketLoad { Rooms = 4 },
            },
        ];
    }

    /// <summary>Real time alone: <see cref="RealtimeMatrices"/>, three repetitions: 72 cells of about 3 s, about 5 minutes on 2 cores.</summary>
    public static ExperimentPlan Realtime() => new()
    {
        Name = "realtime",
        Matrices = RealtimeMatrices(),
        Repetitions = 3,
        Warmup = TimeSpan.FromSeconds(1),
        Duration = TimeSpan.FromSeconds(2),
        Cooldown = TimeSpan.FromMilliseconds(500),
        ReuseServerAcrossLevels = true,
    };

    /// <summary>The block comparing Gunicorn's defaults with a tuned configuration (<see cref="GunicornConfigMatrix"/>).</summary>
    public const string GunicornConfigBlock = "gunicorn-config";

    /// <summary>The rate of the framework-resources block: far below what Django or Flask under two sync workers serve on one CPU (thousands of req/s), so both sustain it.</summary>
    public const double FrameworkCostRate = 500;

    /// <summary>
    /// Django's cost, fairly: Django and Flask, each a minimal app (no middleware, no database), under the same
    /// server with the same settings (Gunicorn, two sync workers). Response time at 1 and 8 connections on
    /// /plaintext (the framework's own cost per request, without queueing), and resource use at one fixed rate
    /// both sustain (<see cref="FrameworkCostRate"/>): CPU-seconds per 1,000 requests and PSS.
    /// </summary>
    public static IReadOnlyList<PlanMatrix> FrameworkCostMatrices()
    {
        var stacks = new[] { "django-gunicorn", "flask-gunicorn" }.Select(StackCatalog.Get).ToArray();
        return
        [
            new PlanMatrix { Label = FrameworkLatencyBlock, Stacks = stacks, Endpoints = ["/plaintext"], Levels = [1, 8] },
            new PlanMatrix
            {
                Label = FrameworkResourcesBlock, Stacks = stacks, Endpoints = ["/plaintext"],
                Model = LoadModel.ConstantRate, Levels = [FrameworkCostRate], RateConnections = 8,
            },
        ];
    }

    /// <summary>
    /// Gunicorn as it comes (one sync worker) against Gunicorn configured as its documentation suggests
    /// (2 x cores + 1 gthread workers, 4 threads each), serving Flask on /plaintext and /io?ms=10 at 64 connections.
    /// </summary>
    public static PlanMatrix GunicornConfigMatrix() => new()
    {
        Label = GunicornConfigBlock,
        Stacks = new[] { "flask-gunicorn-defaults", "flask-gunicorn-tuned" }.Select(StackCatalog.Get).ToArray(),
        Endpoints = ["/plaintext", "/io?ms=10"],
        Levels = [64],
    };

    /// <summary>Traffic spikes alone: <see cref="SpikesMatrix"/>, three repetitions: 15 cells of about 14 s, 4 minutes on 2 cores.</summary>
    public static ExperimentPlan Spikes() => new()
    {
        Name = "spikes",
        Matrices = [SpikesMatrix()],
        Repetitions = 3,
        Warmup = TimeSpan.FromSeconds(1),
        Duration = TimeSpan.FromSeconds(2),
        Cooldown = TimeSpan.FromMilliseconds(500),
        ReuseServerAcrossLevels = true,
    };

    /// <summary>
    /// Thousands of connections: <see cref="ConnectionsMatrix"/> at 1,000, 5,000 and 10,000 connections on
    /// /io?ms=100 and /io?ms=1000, three repetitions, a fresh server per cell: 108 cells, about 17 minutes
    /// on 2 cores.
    /// </summary>
    public static ExperimentPlan Connections() => new()
    {
        Name = "connections",
        Matrices = [ConnectionsMatrix([1000, 5000, 10000], ["/io?ms=100", "/io?ms=1000"])],
        Repetitions = 3,
        Warmup = TimeSpan.FromSeconds(1),
        Duration = TimeSpan.FromSeconds(2),
        Cooldown = TimeSpan.FromSeconds(1),
        ReuseServerAcrossLevels = true,
    };

    /// <summary>The stacks of the connections block: Tornado, the async references, and Gunicorn's gevent and sync workers under Flask and Django.</summary>
    public static IReadOnlyList<string> ConnectionStacks { get; } =
        ["tornado", "aiohttp", "starlette-uvicorn", "flask-gunicorn-gevent", "flask-gunicorn", "django-gunicorn"];

    /// <summary>
    /// Many connections, each waiting on a long request (/io?ms=N), every stack with its own limits raised
    /// for the most connections of the block (<see cref="ServerLimits.For"/>: listen backlog, gevent worker
    /// connections, open files; the kernel still caps every backlog at net.core.somaxconn, recorded in
    /// run.json). A fresh server per cell (its memory per open connection starts from idle); 2 s of warm-up
    /// so every connection has opened and cycled, 3 s measured, a 5 s timeout (five times the longest wait).
    /// </summary>
    public static PlanMatrix ConnectionsMatrix(IReadOnlyList<double> levels, IReadOnlyList<string> endpoints)
    {
        var limits = ServerLimits.For((int)levels.Max());
        return new PlanMatrix
        {
            Label = "connections",
            Stacks = ConnectionStacks.Select(n => StackCatalog.Get(n) with { Limits = limits }).ToArray(),
            Endpoints = endpoints,
            Levels = levels,
            FreshServers = true,
            Warmup = TimeSpan.FromSeconds(2),
            Duration = TimeSpan.FromSeconds(3),
            Timeout = TimeSpan.FromSeconds(5),
        };
    }

    /// <summary>
    /// The article's four in about three minutes: a Django stack (django-gunicorn), a Flask stack and
    /// Gunicorn's sync workers (flask-gunicorn), one async worker class (flask-gunicorn-gevent), Tornado,
    /// and uvicorn+Starlette as the ASGI reference, on /plaintext and /io at a low and a high connection
    /// count; plus the two development servers on /plaintext at the high count, so the dev-server claims
    /// are decided too. Three repetitions (a fresh server each), the fewest the verdicts can judge a 2x
    /// difference with. 66 cells of 0.5 s warm-up + 1 s, about 2.5 minutes of measuring on 2 cores. The
    /// worker-scaling claim needs a worker sweep: the seed preset.
    /// </summary>
    public static ExperimentPlan Quick()
    {
        var stacks = new[] { "django-gunicorn", "flask-gunicorn", "flask-gunicorn-gevent", "tornado", "starlette-uvicorn" }.Select(StackCatalog.Get).ToArray();
        var devServers = new[] { "flask-dev", "django-runserver" }.Select(StackCatalog.Get).ToArray();
        return new ExperimentPlan
        {
            Name = "quick",
            Matrices =
            [
                new PlanMatrix { Label = "quick", Stacks = stacks, Endpoints = ["/plaintext", "/io?ms=10"], Levels = [8, 64] },
                new PlanMatrix { Label = "dev-servers", Stacks = devServers, Endpoints = ["/plaintext"], Levels = [64] },
            ],
            Repetitions = 3,
            Warmup = TimeSpan.FromMilliseconds(500),
            Duration = TimeSpan.FromSeconds(1),
            Cooldown = TimeSpan.FromMilliseconds(200),
            ReuseServerAcrossLevels = true,
        };
    }

    /// <summary>
    /// The realistic workloads (TechEmpower's test types: /db, /queries?n=20, /fortunes, /updates?n=20) on a
    /// database, SQLite unless the plan asks for PostgreSQL: Django's ORM, Flask with SQLAlchemy and Falcon with
    /// plain DB-API under Gunicorn; Starlette (asyncpg / aiosqlite) under uvicorn, aiohttp, Tornado, and Quart under
    /// Hypercorn. 32 connections, three repetitions: 84 cells of 1 s warm-up + 2 s, about 6 minutes on 2 cores.
    /// </summary>
    public static ExperimentPlan Realistic()
    {
        var stacks = new[] { "django-gunicorn", "flask-gunicorn", "falcon-gunicorn", "starlette-uvicorn", "aiohttp", "tornado", "quart-hypercorn" }
            .Select(StackCatalog.Get).ToArray();
        return new ExperimentPlan
        {
            Name = "realistic",
            Matrices = [new PlanMatrix { Label = "workloads", Stacks = stacks, Endpoints = ["/db", "/queries?n=20", "/fortunes", "/updates?n=20"], Levels = [32] }],
            Repetitions = 3,
            Warmup = TimeSpan.FromSeconds(1),
            Duration = TimeSpan.FromSeconds(2),
            Cooldown = TimeSpan.FromMilliseconds(500),
            ReuseServerAcrossLevels = true,
        };
    }

    /// <summary>
    /// Short durations and few levels (first and last level, at most <see cref="QuickMaxConnections"/>
    /// connections, first two endpoints, first and last worker count, at most 2 repetitions, servers reused,
    /// every block on the plan's short timing): the same shape, a fraction of the time.
    /// </summary>
    public static ExperimentPlan Shrink(ExperimentPlan plan) => plan with
    {
        Matrices = plan.Matrices.Select(m => m with
        {
            Levels = m.Model == LoadModel.ClosedLoop ? Ends(m.Levels).Select(l => Math.Min(l, QuickMaxConnections)).Distinct().ToArray() : Ends(m.Levels),
            Endpoints = m.Endpoints.Take(2).ToArray(),
            Workers = Ends(m.Workers),
            Warmup = null,
            Duration = null,
            // A profile keeps its shape in a third of the time (a 12 s spike run takes 4 s).
            Profile = m.Profile?.Scaled(1.0 / 3),
        }).ToArray(),
        Repetitions = Math.Min(plan.Repetitions, 2),
        Warmup = TimeSpan.FromMilliseconds(300),
        Duration = TimeSpan.FromSeconds(1),
        Cooldown = TimeSpan.FromMilliseconds(200),
        ReuseServerAcrossLevels = true,
    };

    private static T[] Ends<T>(IReadOnlyList<T> items)
        => items.Count <= 2 ? items.ToArray() : [items[0], items[^1]];
}
