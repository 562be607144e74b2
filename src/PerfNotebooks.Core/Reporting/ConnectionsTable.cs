using System.Globalization;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Reporting;

/// <summary>
/// The connections block of a run as rows (<see cref="ConnectionRow"/>): served req/s against what the
/// connections ask for, latency, errors by class, memory per open connection, the limits each server was
/// started with, and why a stack refused or timed out connections. Empty when the run has no such block.
/// </summary>
public static class ConnectionsTable
{
    /// <summary>The label of the plan block these rows come from (<see cref="PlanPresets.ConnectionsMatrix"/>).</summary>
    public const string Block = "connections";

    /// <summary>One row per stack and connection count of the run's connections block.</summary>
    public static IReadOnlyList<ConnectionRow> Build(RunAnalysis a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var plan = a.Run.Info.Plan;
        var env = a.Run.Info.Environment;
        var serverCores = plan.Placement?.ServerCoreCount ?? Math.Max(1, env.Cores);
        var rows = new List<ConnectionRow>();
        foreach (var c in a.Conditions.Where(c => c.Matrix == Block && c.Model == LoadModel.ClosedLoop && c.Cells.Count > 0)
                     .OrderBy(c => c.Endpoint, StringComparer.Ordinal).ThenBy(c => a.Stacks.ToList().IndexOf(c.Stack)).ThenBy(c => c.Level))
        {
            var cell = c.Cells[0].Cell;
            var waitMs = WaitMs(c.Endpoint);
            rows.Add(new ConnectionRow
            {
                Stack = c.Label,
                Endpoint = c.Endpoint,
                Connections = (int)c.Level,
                IdealRps = waitMs is { } ms && ms > 0 ? c.Level * 1000.0 / ms : double.NaN,
                Rps = c.RpsSample.Count > 0 ? c.RpsSample.GeometricMean : 0,
                P50Ms = c.P50Ms.Length > 0 ? c.P50Ms.Average() : double.NaN,
                P99Ms = c.P99Ms.Length > 0 ? c.P99Ms.Average() : double.NaN,
                ErrorRate = c.MeanErrorRate,
                ConnectErrors = c.Cells.Sum(r => r.Errors.Connect),
                Timeouts = c.Cells.Sum(r => r.Errors.Timeout),
                ClosedByServer = c.Cells.Sum(r => r.Errors.Read + r.Errors.Reset),
                MemoryPerConnectionKb = MeanOfKnown(c.PssPerConnectionKb),
                Limits = cell.Stack.Limits?.ToString() ?? "server defaults",
                Note = ConnectionLimitNotes.Explain(c, env.Limits, plan.TimeoutOf(cell), serverCores) ?? "",
            });
        }
        return rows;
    }

    /// <summary>The N of /io?ms=N (10, the contract's default, for a bare /io); null for other endpoints.</summary>
    public static double? WaitMs(string endpoint)
    {
        var parts = endpoint.Split('?', 2);
        if (parts[0] != "/io") return null;
        if (parts.Length == 1) return 10;
        foreach (var pair in parts[1].Split('&'))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2 && kv[0] == "ms" && double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)) return ms;
        }
        return 10;
    }

    private static double MeanOfKnown(IReadOnlyList<double> values)
    {
        var known = values.Where(double.IsFinite).ToList();
        return known.Count == 0 ? double.NaN : known.Average();
    }
}
