using System.Globalization;
using PerfNotebooks.Load;

namespace PerfNotebooks.Hosts;

/// <summary>
/// The command line of <c>perfnb load --json</c> for a load host: the spec as JSON (<see cref="LoadSpecJson"/>, the
/// same form a local child process is given), the common start time (<c>--start-at</c>, on the host's clock), and
/// <c>--stop-on-stdin-eof</c> so a generator whose controller is lost stops.
/// </summary>
internal static class RemoteLoadArguments
{
    public static IReadOnlyList<string> For(string perfnb, LoadSpec spec, DateTimeOffset startAtOnHost)
        => [perfnb, "load", "--spec", LoadSpecJson.Write(spec), "--json", "--stop-on-stdin-eof",
            "--start-at", startAtOnHost.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)];
}
