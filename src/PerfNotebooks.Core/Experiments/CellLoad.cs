using System.Text;
using PerfNotebooks.Load;

namespace PerfNotebooks.Experiments;

/// <summary>The load one cell drives: its request (a GET of the endpoint, the contract's POST /echo, or a request
/// file's entry) at its level, with the plan's timing.</summary>
internal static class CellLoad
{
    /// <summary>The body /echo gets: 64 bytes, as the seed comparison has always sent.</summary>
    private static readonly byte[] EchoBody = Encoding.ASCII.GetBytes(new string('x', 64));

    public static LoadSpec Spec(PlanCell cell, Uri baseUrl, ExperimentPlan plan)
    {
        var spec = new LoadSpec
        {
            Url = new Uri(baseUrl, cell.Request?.Path ?? cell.Endpoint),
            Connections = cell.Connections,
            // A profiled cell's rate is its profile's (the cell's Rate is the peak, for its level).
            Rate = cell.Profile is null ? cell.Rate : null,
            Profile = cell.Profile,
            Duration = plan.DurationOf(cell),
            Warmup = plan.WarmupOf(cell),
            Timeout = plan.TimeoutOf(cell),
        };
        if (cell.WebSocket is { } ws)
            return spec with { Url = new UriBuilder(spec.Url) { Scheme = "ws" }.Uri, WebSocket = ws };
        if (cell.Request is { } request)
        {
            return spec with
            {
                Method = request.Method,
                Headers = [.. request.Headers],
                Body = request.Body is null ? null : Encoding.UTF8.GetBytes(request.Body),
            };
        }
        var isEcho = cell.Stack.UserApp is null && cell.Endpoint.Split('?', 2)[0] == "/echo";
        return isEcho ? spec with { Method = "POST", Body = EchoBody } : spec;
    }
}
