using System.Globalization;

namespace PerfNotebooks.Experiments;

/// <summary>
/// The query parameters of the endpoint contract (DESIGN.md) and the ranges every app accepts
/// (src/python/perfnb_common.py): <c>/io?ms=</c> 0 to 60000, <c>/cpu?n=</c> 0 to 100000, <c>/bytes?size=</c>
/// 0 to 64 MiB. A value outside them would make every request of a cell a 400: refused when the plan is made.
/// </summary>
internal static class EndpointQuery
{
    private static readonly Dictionary<string, (string Parameter, int Max)> Limits = new(StringComparer.Ordinal)
    {
        ["/io"] = ("ms", 60_000),
        ["/cpu"] = ("n", 100_000),
        ["/bytes"] = ("size", 64 * 1024 * 1024),
    };

    /// <summary>Throws a one-line <see cref="PerfNotebooksException"/> naming <paramref name="option"/> when a parameter is out of range.</summary>
    public static void Validate(string endpoint, string option)
    {
        var parts = endpoint.Split('?', 2);
        if (parts.Length < 2 || !Limits.TryGetValue(parts[0], out var limit)) return;
        foreach (var pair in parts[1].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv[0] != limit.Parameter) continue;
            var value = kv.Length == 2 ? kv[1] : "";
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v > limit.Max)
                throw new PerfNotebooksException(string.Create(CultureInfo.InvariantCulture,
                    $"{option} '{endpoint}': {limit.Parameter}={value} is not accepted; the apps take {limit.Parameter} as a whole number from 0 to {limit.Max}."));
        }
    }
}
