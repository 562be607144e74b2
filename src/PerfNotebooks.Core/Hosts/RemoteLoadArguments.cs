using System.Globalization;
using System.Text;
using PerfNotebooks.Load;

namespace PerfNotebooks.Hosts;

/// <summary>
/// The command line of <c>perfnb load --json</c> for a load host: the spec's options, the common start time
/// (<c>--start-at</c>, on the host's clock), and <c>--stop-on-stdin-eof</c> so a generator whose controller is
/// lost stops. (When the spec travels to a child <c>perfnb load</c> as JSON, this goes the same way.)
/// </summary>
internal static class RemoteLoadArguments
{
    public static IReadOnlyList<string> For(string perfnb, LoadSpec spec, DateTimeOffset startAtOnHost)
    {
        var args = new List<string>
        {
            perfnb, "load", spec.Url.ToString(),
            "-c", spec.Connections.ToString(CultureInfo.InvariantCulture),
            "--warmup", Seconds(spec.Warmup),
            "--timeout", Seconds(spec.Timeout),
            "--pipeline", spec.Pipeline.ToString(CultureInfo.InvariantCulture),
            "--method", spec.Method,
        };
        if (spec.Requests is { } requests) args.AddRange(["-n", requests.ToString(CultureInfo.InvariantCulture)]);
        else args.AddRange(["-d", Seconds(spec.Duration)]);
        if (spec.Rate is { } rate) args.AddRange(["--rate", rate.ToString("R", CultureInfo.InvariantCulture)]);
        if (spec.Threads is { } threads) args.AddRange(["--threads", threads.ToString(CultureInfo.InvariantCulture)]);
        if (spec.Backend != LoadBackend.Auto) args.AddRange(["--backend", LoadBackendNames.Format(spec.Backend)]);
        foreach (var (name, value) in spec.Headers) args.AddRange(["-H", name + ": " + value]);
        if (spec.Body is { Length: > 0 } body)
        {
            // A body goes as text on the command line; the toolkit's own bodies are ASCII.
            string text;
            try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body); }
            catch (DecoderFallbackException) { throw new PerfNotebooksException("a binary request body cannot be sent to load hosts; use a UTF-8 text body."); }
            if (text.StartsWith('@') || text.Contains('\0')) throw new PerfNotebooksException("a request body starting with '@' or holding NUL cannot be sent to load hosts.");
            args.AddRange(["--body", text]);
        }
        args.AddRange(["--json", "--stop-on-stdin-eof", "--start-at", startAtOnHost.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)]);
        return args;
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("R", CultureInfo.InvariantCulture) + "s";
}
