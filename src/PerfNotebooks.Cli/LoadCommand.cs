using System.CommandLine;
using System.Globalization;
using PerfNotebooks.Load;

namespace PerfNotebooks.Cli;

/// <summary>
/// <c>perfnb load URL [-c N] [-d DURATION] [-n REQUESTS] [--rate R] [--warmup DURATION] [--timeout DURATION]
/// [--pipeline N] [-H "Name: value"] [--method M] [--body TEXT|@FILE] [-t N] [--backend B] [--no-keep-alive] [--json] [--max-error-rate R]
/// [--max-p99 D] [--fail-on-saturation]</c>: drives load at one URL with the in-process engine and prints a wrk-like
/// summary or one JSON object. Exit code 0 when the run passed, 1 when no request succeeded or a threshold was
/// missed, 2 for bad input. Values are taken as text and checked here so every mistake is one line
/// naming what is accepted (exit 2).
/// </summary>
internal static class LoadCommand
{
    /// <summary>No request succeeded, or a threshold was missed.</summary>
    public const int ThresholdExitCode = 1;

    public static Command Create()
    {
        var url = new Argument<string?>("url") { Description = "The URL to load, e.g. http://127.0.0.1:8000/plaintext.", Arity = ArgumentArity.ZeroOrOne };
        var connections = new Option<string?>("--connections", "-c") { Description = "Connections kept open (default 32)." };
        var duration = new Option<string?>("--duration", "-d") { Description = "How long to record: 500ms, 10s, 2m (default 10s)." };
        var requests = new Option<string?>("--requests", "-n") { Description = "Stop after exactly this many requests (wins over --duration)." };
        var rate = new Option<string?>("--rate") { Description = "Constant rate in requests per second over all connections (default: closed loop)." };
        var profile = new Option<string?>("--profile") { Description = "A rate that changes: spike:base=200,peak=2000,at=5s,for=5s, ramp:from=100,to=1000,over=10s, step:rates=100/200/400,every=5s, or schedule:FILE.csv (lines second,rate). The run lasts the profile's length." };
        var rooms = new Option<string?>("--rooms") { Description = "ws:// only: a chat broadcast over this many rooms (client i joins room i mod N; default: echo)." };
        var messageSize = new Option<string?>("--message-size") { Description = "ws:// only: bytes per message (default 64)." };
        var warmup = new Option<string?>("--warmup") { Description = "Load driven first and not recorded (default 0s)." };
        var timeout = new Option<string?>("--timeout") { Description = "A response slower than this is a timeout error (default 2s)." };
        var pipeline = new Option<string?>("--pipeline") { Description = "Requests in flight per connection (default 1)." };
        var headers = new Option<string[]>("--header", "-H") { Description = "Extra request header \"Name: value\" (repeatable).", AllowMultipleArgumentsPerToken = false };
        var method = new Option<string?>("--method") { Description = "HTTP method (default GET, or POST with --body)." };
        var body = new Option<string?>("--body") { Description = "Request body: TEXT, or @FILE to send a file's bytes." };
        var threads = new Option<string?>("--threads", "-t") { Description = "Event-loop threads (default: one per processor this process may use, at most one per connection)." };
        var backend = new Option<string?>("--backend") { Description = "I/O backend: auto (io_uring where allowed, else epoll), io_uring or epoll (default auto)." };
        var noKeepAlive = new Option<bool>("--no-keep-alive") { Description = "Ask the server to close the connection after every response (Connection: close): each request opens a new one." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var hgrm = new Option<string?>("--hgrm") { Description = "Also write the corrected latency distribution (.hgrm) to this file." };
        var hlog = new Option<string?>("--hlog") { Description = "Also write the per-second interval log (.hlog) to this file." };
        var maxErrorRate = new Option<string?>("--max-error-rate") { Description = "Exit 1 if more than this share of requests failed: 0.01 or 1%." };
        var maxP99 = new Option<string?>("--max-p99") { Description = "Exit 1 if the p99 latency is above this: 50ms, 1s." };
        var failOnSaturation = new Option<bool>("--fail-on-saturation") { Description = "Exit 1 if the generator saturated (it, not the server, set the pace)." };
        var stopOnStdinEnd = new Option<bool>("--stop-on-stdin-eof") { Description = "End the run when standard input closes (the parent died; used by the notebook).", Hidden = true };
        var startAt = new Option<string?>("--start-at") { Description = "Start at this wall-clock time, in milliseconds since 1970 (UTC), so generators on several hosts start together; at once if it has passed." };
        var resultFile = new Option<string?>("--result-file") { Description = "Write the full result as JSON here and print progress lines (used by the notebook).", Hidden = true };
        var specOption = new Option<string?>("--spec") { Description = "The whole load as a JSON spec (inline, or @FILE), as perfnb writes it for a child process or a load host; the URL and the load options are then left out.", Hidden = true };

        var hosts = new HostOptions();

        var command = new Command("load", "Drive HTTP load at a URL and measure it (latency corrected for coordinated omission at a fixed rate).")
        {
            url, connections, duration, requests, rate, profile, rooms, messageSize, warmup, timeout, pipeline, headers, method, body, threads, backend, json, hgrm, hlog,
            noKeepAlive, maxErrorRate, maxP99, failOnSaturation, stopOnStdinEnd, startAt, resultFile, specOption,
        };
        // The spelling of each load option, for the mistakes a load request reports.
        static string Both(Option option) => option.Aliases.Count == 0 ? option.Name : $"{option.Aliases.First()}/{option.Name}";
        var names = new LoadOptionNames
        {
            Connections = Both(connections), Duration = Both(duration), Requests = Both(requests), Rate = Both(rate), Warmup = Both(warmup), Profile = Both(profile), Rooms = Both(rooms), MessageSize = Both(messageSize),
            Timeout = Both(timeout), Pipeline = Both(pipeline), Header = headers.Aliases.First(), Body = Both(body), Threads = Both(threads), Backend = Both(backend),
        };
        foreach (var option in hosts.All) command.Options.Add(option);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var spec = parse.GetValue(specOption) is { } specText
                ? LoadSpecJson.Read(specText)
                : new LoadRequest
                {
                    Url = parse.GetValue(url) ?? throw new PerfNotebooksException("load needs its URL argument. Give one such as http://127.0.0.1:8000/plaintext."),
                    Connections = parse.GetValue(connections), Duration = parse.GetValue(duration), Requests = parse.GetValue(requests),
                    Rate = parse.GetValue(rate), Profile = parse.GetValue(profile), Rooms = parse.GetValue(rooms), MessageSize = parse.GetValue(messageSize), Warmup = parse.GetValue(warmup), Timeout = parse.GetValue(timeout), Pipeline = parse.GetValue(pipeline),
                    Headers = parse.GetValue(headers) ?? [], Method = parse.GetValue(method), Body = parse.GetValue(body), Threads = parse.GetValue(threads),
                    Backend = parse.GetValue(backend), Names = names,
                }.ToSpec();
            if (parse.GetValue(noKeepAlive)) spec = spec with { KeepAlive = false };
            var thresholds = LoadThresholds.Parse(parse.GetValue(maxErrorRate), parse.GetValue(maxP99), parse.GetValue(failOnSaturation));
            var startTime = ParseStartAt(parse.GetValue(startAt));
            var resultPath = parse.GetValue(resultFile);
            // Where the result goes is checked before the run: a bad path found afterwards would lose the measurement.
            OutputPath.EnsureWritable(parse.GetValue(hgrm), "--hgrm");
            OutputPath.EnsureWritable(parse.GetValue(hlog), "--hlog");
            OutputPath.EnsureWritable(resultPath, "--result-file");
            var asJson = parse.GetValue(json);
            // The server is on a host: a loopback URL means that host.
            if (hosts.Server(parse) is { } serverHost) spec = spec with { Url = serverHost.OnThisHost(spec.Url) };
            if (hosts.Load(parse) is { Count: > 0 } loadHosts)
            {
                if (startTime is not null || resultPath is not null)
                    throw new PerfNotebooksException("--load-hosts sets the common start itself and prints the result; leave out --start-at and --result-file.");
                return await LoadAcrossHosts.RunAsync(spec, loadHosts, hosts.Setup(parse), thresholds, asJson, parse.GetValue(hgrm), parse.GetValue(hlog), cancellationToken);
            }
            // Before any output and any connection: the spec, the platform, and room for the connections under the open-file limit.
            LoadEngine.CheckBeforeRun(spec);
            // A ws:// URL that does not upgrade: one line with the status it answered, before the header.
            await LoadEngine.CheckWebSocketAsync(spec, cancellationToken);

            IProgress<LoadProgress>? progress = null;
            if (resultPath is not null) progress = new SynchronousProgress(p => Console.Out.WriteLine(OutOfProcessLoadRunner.FormatProgress(p)));
            else if (!asJson && !Console.IsErrorRedirected) progress = new SynchronousProgress(p => Console.Error.Write("\r" + LoadTextOutput.ProgressLine(p)));

            if (!asJson && resultPath is null) Console.Out.WriteLine(LoadTextOutput.Header(spec));

            // Ctrl+C or SIGTERM (a parent cancelling a notebook run) ends the run early; what was measured is
            // still printed and written, so the signal is handled here rather than left to end the process.
            using var stop = StopSignals.Take(cancellationToken);
            // The notebook's child: its parent holds the other end of stdin; when the parent dies, it closes.
            if (parse.GetValue(stopOnStdinEnd)) ParentWatch.CancelWhenStdinCloses(stop);
            if (startTime is { } at && at > DateTimeOffset.UtcNow)
            {
                try { await Task.Delay(at - DateTimeOffset.UtcNow, stop.Token); }
                catch (OperationCanceledException) { return 130; }
            }

            var result = await LoadEngine.RunAsync(spec, progress, stop.Token);
            if (progress is not null && resultPath is null) Console.Error.Write("\r" + new string(' ', 78) + "\r");

            // Files first: whatever happens to the console, the measurement is kept.
            if (resultPath is not null) await File.WriteAllTextAsync(resultPath, LoadResultJson.Serialize(result), CancellationToken.None);
            if (parse.GetValue(hgrm) is { } hgrmPath)
            {
                await using var writer = new StreamWriter(hgrmPath);
                LoadResultFiles.WriteHgrm(result, writer);
            }
            if (parse.GetValue(hlog) is { } hlogPath)
            {
                await using var stream = File.Create(hlogPath);
                LoadResultFiles.WriteHlog(result, stream);
            }

            if (asJson) Console.Out.WriteLine(LoadResultJson.Serialize(result, indented: false));
            else if (resultPath is null) Console.Out.Write(LoadTextOutput.Summary(result));

            // Exit codes a script can use: 1 when no request succeeded or a threshold was missed, one line each.
            var failures = thresholds.Failures(result);
            foreach (var failure in failures) Console.Error.WriteLine("perfnb: " + failure);
            return failures.Count == 0 ? 0 : ThresholdExitCode;
        });
        return command;
    }

    /// <summary>--start-at: milliseconds since 1970, at most an hour ahead (a later time is more likely a mistake than a plan).</summary>
    internal static DateTimeOffset? ParseStartAt(string? text)
    {
        if (text is null) return null;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            throw new PerfNotebooksException($"--start-at '{text}' is not a time; use milliseconds since 1970 (UTC), e.g. --start-at {DateTimeOffset.UtcNow.AddSeconds(5).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}.");
        var at = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        if (at > DateTimeOffset.UtcNow.AddHours(1))
            throw new PerfNotebooksException($"--start-at '{text}' is more than an hour from now ({at.ToString("u", CultureInfo.InvariantCulture)}); use a time within the hour.");
        return at;
    }

    /// <summary>Reports on the monitor thread itself: progress lines must not wait for a busy thread pool.</summary>
    private sealed class SynchronousProgress(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
