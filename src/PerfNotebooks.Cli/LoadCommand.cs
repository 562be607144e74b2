using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using PerfNotebooks.Load;

namespace PerfNotebooks.Cli;

/// <summary>
/// <c>perfnb load URL [-c N] [-d DURATION] [-n REQUESTS] [--rate R] [--warmup DURATION] [--timeout DURATION]
/// [--pipeline N] [-H "Name: value"] [--method M] [--body TEXT|@FILE] [--json] [--max-error-rate R] [--max-p99 D]
/// [--fail-on-saturation]</c>: drives load at one URL with the in-process engine (this process starts with
/// inline socket completions) and prints a wrk-like summary or one JSON object. Exit code 0 when the run
/// passed, 1 when no request succeeded or a threshold was missed, 2 for bad input. Values are taken as text and checked here so every mistake is one line
/// naming what is accepted (exit 2).
/// </summary>
internal static class LoadCommand
{
    /// <summary>No request succeeded, or a threshold was missed.</summary>
    public const int ThresholdExitCode = 1;

    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The URL to load, e.g. http://127.0.0.1:8000/plaintext." };
        var connections = new Option<string>("--connections", "-c") { Description = "Connections kept open (default 32).", DefaultValueFactory = _ => "32" };
        var duration = new Option<string>("--duration", "-d") { Description = "How long to record: 500ms, 10s, 2m (default 10s).", DefaultValueFactory = _ => "10s" };
        var requests = new Option<string?>("--requests", "-n") { Description = "Stop after exactly this many requests (wins over --duration)." };
        var rate = new Option<string?>("--rate") { Description = "Constant rate in requests per second over all connections (default: closed loop)." };
        var warmup = new Option<string>("--warmup") { Description = "Load driven first and not recorded (default 0s).", DefaultValueFactory = _ => "0s" };
        var timeout = new Option<string>("--timeout") { Description = "A response slower than this is a timeout error (default 2s).", DefaultValueFactory = _ => "2s" };
        var pipeline = new Option<string>("--pipeline") { Description = "Requests in flight per connection (default 1).", DefaultValueFactory = _ => "1" };
        var headers = new Option<string[]>("--header", "-H") { Description = "Extra request header \"Name: value\" (repeatable).", AllowMultipleArgumentsPerToken = false };
        var method = new Option<string?>("--method") { Description = "HTTP method (default GET, or POST with --body)." };
        var body = new Option<string?>("--body") { Description = "Request body: TEXT, or @FILE to send a file's bytes." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var hgrm = new Option<string?>("--hgrm") { Description = "Also write the corrected latency distribution (.hgrm) to this file." };
        var hlog = new Option<string?>("--hlog") { Description = "Also write the per-second interval log (.hlog) to this file." };
        var maxErrorRate = new Option<string?>("--max-error-rate") { Description = "Exit 1 if more than this share of requests failed: 0.01 or 1%." };
        var maxP99 = new Option<string?>("--max-p99") { Description = "Exit 1 if the p99 latency is above this: 50ms, 1s." };
        var failOnSaturation = new Option<bool>("--fail-on-saturation") { Description = "Exit 1 if the generator saturated (it, not the server, set the pace)." };
        var stopOnStdinEnd = new Option<bool>("--stop-on-stdin-eof") { Description = "End the run when standard input closes (the parent died; used by the notebook).", Hidden = true };
        var resultFile = new Option<string?>("--result-file") { Description = "Write the full result as JSON here and print progress lines (used by the notebook).", Hidden = true };

        var command = new Command("load", "Drive HTTP load at a URL and measure it (latency corrected for coordinated omission at a fixed rate).")
        {
            url, connections, duration, requests, rate, warmup, timeout, pipeline, headers, method, body, json, hgrm, hlog,
            maxErrorRate, maxP99, failOnSaturation, stopOnStdinEnd, resultFile,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var spec = BuildSpec(
                parse.GetValue(url), parse.GetValue(connections), parse.GetValue(duration), parse.GetValue(requests),
                parse.GetValue(rate), parse.GetValue(warmup), parse.GetValue(timeout), parse.GetValue(pipeline),
                parse.GetValue(headers) ?? [], parse.GetValue(method), parse.GetValue(body));
            var thresholds = LoadThresholds.Parse(parse.GetValue(maxErrorRate), parse.GetValue(maxP99), parse.GetValue(failOnSaturation));
            var resultPath = parse.GetValue(resultFile);
            // Where the result goes is checked before the run: a bad path found afterwards would lose the measurement.
            OutputPath.EnsureWritable(parse.GetValue(hgrm), "--hgrm");
            OutputPath.EnsureWritable(parse.GetValue(hlog), "--hlog");
            OutputPath.EnsureWritable(resultPath, "--result-file");
            var asJson = parse.GetValue(json);
            // Before any output and any connection: the connections must fit under the open-file limit.
            FileDescriptorLimit.EnsureRoomFor(spec.Connections);

            IProgress<LoadProgress>? progress = null;
            if (resultPath is not null) progress = new SynchronousProgress(p => Console.Out.WriteLine(OutOfProcessLoadRunner.FormatProgress(p)));
            else if (!asJson && !Console.IsErrorRedirected) progress = new SynchronousProgress(p => Console.Error.Write("\r" + LoadTextOutput.ProgressLine(p)));

            if (!asJson && resultPath is null) Console.Out.WriteLine(LoadTextOutput.Header(spec));

            // Ctrl+C or SIGTERM (a parent cancelling a notebook run) ends the run early; what was measured is
            // still printed and written, so the signal is handled here rather than left to end the process.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            void OnSignal(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
            // The notebook's child: its parent holds the other end of stdin; when the parent dies, it closes.
            if (parse.GetValue(stopOnStdinEnd)) ParentWatch.CancelWhenStdinCloses(stop);

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

    internal static LoadSpec BuildSpec(
        string? urlText, string? connectionsText, string? durationText, string? requestsText, string? rateText,
        string? warmupText, string? timeoutText, string? pipelineText, IReadOnlyList<string> headerTexts,
        string? methodText, string? bodyText)
    {
        var url = LoadSpecRules.ParseUrl(urlText);
        var connectionCount = ParseWhole(connectionsText, "-c/--connections", "a whole number of 1 or more, e.g. -c 32");
        if (connectionCount < 1) throw new PerfNotebooksException($"-c/--connections '{connectionsText}' is not allowed; use a whole number of 1 or more, e.g. -c 32.");
        var pipelineDepth = ParseWhole(pipelineText, "--pipeline", "a whole number of 1 or more (1 = no pipelining)");
        if (pipelineDepth < 1) throw new PerfNotebooksException($"--pipeline '{pipelineText}' is not allowed; use a whole number of 1 or more (1 = no pipelining).");

        long? requestCount = null;
        if (requestsText is not null)
        {
            requestCount = ParseWhole(requestsText, "-n/--requests", "a whole number of 1 or more, e.g. -n 1000");
            if (requestCount < 1) throw new PerfNotebooksException($"-n/--requests '{requestsText}' is not allowed; use a whole number of 1 or more, e.g. -n 1000.");
        }

        double? requestRate = null;
        if (rateText is not null)
        {
            if (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) || double.IsNaN(r) || double.IsInfinity(r) || r <= 0)
                throw new PerfNotebooksException($"--rate '{rateText}' is not allowed; use requests per second above 0, e.g. --rate 500 (leave it out for closed loop).");
            requestRate = r;
        }

        var headerList = headerTexts.Select(LoadSpecRules.ParseHeader).ToArray();
        byte[]? bodyBytes = null;
        if (bodyText is not null)
        {
            if (bodyText.StartsWith('@'))
            {
                var path = bodyText[1..];
                if (!File.Exists(path)) throw new PerfNotebooksException($"--body file '{path}' does not exist; use --body TEXT or --body @FILE with an existing file.");
                bodyBytes = File.ReadAllBytes(path);
            }
            else
            {
                bodyBytes = System.Text.Encoding.UTF8.GetBytes(bodyText);
            }
        }

        var spec = new LoadSpec
        {
            Url = url,
            Connections = (int)connectionCount,
            Duration = Duration.Parse(durationText, "-d/--duration"),
            Requests = requestCount,
            Rate = requestRate,
            Warmup = Duration.Parse(warmupText, "--warmup"),
            Timeout = Duration.Parse(timeoutText, "--timeout"),
            Pipeline = (int)pipelineDepth,
            Method = methodText ?? (bodyBytes is null ? "GET" : "POST"),
            Headers = headerList,
            Body = bodyBytes,
        };
        LoadSpecRules.Validate(spec);
        return spec;
    }

    private static long ParseWhole(string? text, string option, string accepted)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value > int.MaxValue && option != "-n/--requests")
            throw new PerfNotebooksException($"{option} '{text}' is not a whole number; use {accepted}.");
        return value;
    }

    /// <summary>Reports on the monitor thread itself: progress lines must not wait for a busy thread pool.</summary>
    private sealed class SynchronousProgress(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
