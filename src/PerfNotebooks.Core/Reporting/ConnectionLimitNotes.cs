using System.Globalization;
using PerfNotebooks.Experiments;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Reporting;

/// <summary>
/// Why a stack refused or timed out connections at a high connection count, in one sentence a reader can act
/// on: which limit (the workers' concurrency, the kernel's accept queue as net.core.somaxconn cut it, the
/// open-file limit, the server's CPU) and the figures behind it. Built from the stack's settings
/// (<see cref="ServerCapacity"/>), the kernel's limits recorded in run.json and the errors by class.
/// </summary>
public static class ConnectionLimitNotes
{
    /// <summary>A server's CPU share (of the CPUs it had) at or above this counts as saturated.</summary>
    public const double BusyCpuShare = 0.85;

    /// <summary>
    /// The sentence for <paramref name="c"/>, or null when none of its requests failed to connect, timed out
    /// or was cut off. <paramref name="serverCores"/>: the CPUs the server had (its placement, or all).
    /// </summary>
    public static string? Explain(ConditionStats c, SystemLimits? system, TimeSpan timeout, int serverCores)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.Cells.Count == 0 || c.Model != LoadModel.ClosedLoop) return null;
        long connect = 0, timeouts = 0, closed = 0, attempts = 0;
        foreach (var r in c.Cells)
        {
            connect += r.Errors.Connect;
            timeouts += r.Errors.Timeout;
            closed += r.Errors.Read + r.Errors.Reset;
            attempts += r.Summary.Requests - r.Errors.Status.Values.Sum() + r.Errors.Total;
        }
        if (connect + timeouts + closed == 0) return null;

        var n = (int)c.Level;
        var counts = new List<string>();
        if (connect > 0) counts.Add($"{Numbers.Share(Share(connect, attempts))} could not connect");
        if (timeouts > 0) counts.Add($"{Numbers.Share(Share(timeouts, attempts))} timed out after {Load.Duration.Format(timeout)}");
        if (closed > 0) counts.Add($"{Numbers.Share(Share(closed, attempts))} were cut off by the server");
        var what = $"At {N(n)} connections {string.Join(", ", counts)}";

        var stack = c.Cells[0].Cell.Stack;
        var capacity = ServerCapacity.Of(stack);
        var somaxconn = system?.Somaxconn;
        var queue = capacity?.Backlog is { } b ? somaxconn is { } m ? Math.Min(b, m) : b : (int?)null;
        var queueText = capacity?.Backlog is { } asked
            ? somaxconn is { } max && max < asked
                ? $"the kernel's accept queue holds {N(max)} (backlog {N(asked)}{(capacity.BacklogRaised ? " asked" : ", the server's default")}, cut to net.core.somaxconn {N(max)})"
                : $"the kernel's accept queue holds {N(asked)} (backlog{(capacity.BacklogRaised ? " asked" : ", the server's default")}{(somaxconn is { } s ? $"; net.core.somaxconn {N(s)}" : "")})"
            : "the kernel's accept queue is of unknown length";

        var cpuShare = c.CpuPercent.Length == 0 || serverCores < 1 ? double.NaN : c.CpuPercent.Average() / (100.0 * serverCores);
        var busy = cpuShare >= BusyCpuShare;
        var cpuText = double.IsNaN(cpuShare) ? "" : $" (its CPU was {Numbers.Share(cpuShare)} busy on {N(serverCores)} CPU{(serverCores == 1 ? "" : "s")})";

        string why;
        if (capacity?.ConnectionsHeld is { } held && held < n)
        {
            var waiting = n - held;
            why = $"{c.Label} keeps at most {N(held)} connection{(held == 1 ? "" : "s")} at once ({Workers(capacity, stack)}); the other {N(waiting)} wait for a free worker, and {queueText}";
            if (queue is { } q && waiting > q)
                why += $": {N(waiting - q)} do not fit and are not accepted";
            if (timeouts > 0) why += $"; those that get in wait their turn longer than the {Load.Duration.Format(timeout)} timeout";
        }
        else if (capacity?.RequestsAtOnce is { } atOnce && atOnce < n)
        {
            why = $"{c.Label} works on at most {N(atOnce)} request{(atOnce == 1 ? "" : "s")} at once ({Workers(capacity, stack)}): the others queue behind them"
                + (timeouts > 0 ? $" longer than the {Load.Duration.Format(timeout)} timeout" : "");
        }
        else if (busy)
        {
            why = $"{c.Label} held the connections but not the pace: its CPU was saturated ({Numbers.Share(cpuShare)} of {N(serverCores)} CPU{(serverCores == 1 ? "" : "s")}), "
                + "so requests waited in its event loop" + (timeouts > 0 ? $" longer than the {Load.Duration.Format(timeout)} timeout" : "")
                + (connect > 0 ? $", and it accepted new connections more slowly than they came ({queueText})" : "");
        }
        else if (capacity is not null && capacity.OpenFiles is null && system?.OpenFilesSoft is { } soft && soft < (long)n / Math.Max(1, capacity.Workers) + 64)
        {
            why = $"the servers' open-file limit ({N(soft)}, inherited) is below the ~{N(n / Math.Max(1, capacity.Workers))} sockets each worker must hold{cpuText}";
        }
        else if (connect > 0)
        {
            why = $"connections arrived in a burst faster than {c.Label} accepted them and {queueText}{cpuText}";
        }
        else
        {
            why = $"{c.Label} answered too slowly{cpuText}";
        }
        if (c.Flags.Contains(CellFlags.ClientSaturated))
            why += "; the load generator was saturated too, so part of the shortfall may be the generator's";
        return $"{what}: {why}.";
    }

    private static string Workers(ServerCapacity capacity, StackSpec stack)
    {
        var kind = stack.WorkerClass ?? stack.Server;
        var workers = $"{N(capacity.Workers)} {kind} worker{(capacity.Workers == 1 ? "" : "s")}";
        return capacity.Model switch
        {
            ConcurrencyModel.GreenThreads => $"{workers} x {N(capacity.WorkerConnections ?? 0)} clients each{(capacity.WorkerConnectionsRaised ? ", raised" : ", the default")}",
            ConcurrencyModel.RequestPerThread when capacity.WorkerConnections is { } w && capacity.ConnectionsHeld > capacity.RequestsAtOnce
                => $"{workers} x {N(w)} connections, {N(capacity.RequestsAtOnce ?? 0)} requests at once",
            ConcurrencyModel.RequestPerThread => capacity.RequestsAtOnce == capacity.Workers
                ? $"{workers}, one request each"
                : $"{workers} x {N((capacity.RequestsAtOnce ?? capacity.Workers) / Math.Max(1, capacity.Workers))} threads",
            _ => workers,
        };
    }

    private static double Share(long part, long whole) => whole <= 0 ? 0 : part / (double)whole;
    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
