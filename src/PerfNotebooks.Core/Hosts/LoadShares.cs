using PerfNotebooks.Load;

namespace PerfNotebooks.Hosts;

/// <summary>
/// Splits one load level over several generator hosts so that together they offer what one generator would:
/// the connections divided as evenly as whole numbers allow (the first hosts take the remainder), the rate
/// and a request count in the same proportions. A host whose share would be no connection is left out.
/// </summary>
internal static class LoadShares
{
    public static IReadOnlyList<LoadSpec?> Split(LoadSpec spec, int hosts)
    {
        var shares = new LoadSpec?[hosts];
        long assignedRequests = 0;
        var used = Math.Min(hosts, spec.Connections);
        for (var i = 0; i < used; i++)
        {
            var connections = spec.Connections / used + (i < spec.Connections % used ? 1 : 0);
            var fraction = connections / (double)spec.Connections;
            long? requests = null;
            if (spec.Requests is { } total)
            {
                requests = i == used - 1 ? total - assignedRequests : (long)Math.Round(total * fraction);
                assignedRequests += requests.Value;
            }
            shares[i] = spec with { Connections = connections, Rate = spec.Rate * fraction, Requests = requests };
        }
        return shares;
    }
}
