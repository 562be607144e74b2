using System.Globalization;
using PerfNotebooks.Experiments;
using Spectre.Console;

namespace PerfNotebooks.Cli;

/// <summary>
/// Shows a running comparison: on a terminal a Spectre.Console progress bar with the current cell, its
/// phase, the live req/s and the time left; without one (CI, a pipe) one plain line per finished cell on
/// stdout, and one line per failed cell on stderr naming the stack and the cause.
/// </summary>
internal static class CompareProgressDisplay
{
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="run"/> with a display fed by the progress it is given.</summary>
    public static async Task RunAsync(int cellCount, Func<IProgress<ExperimentProgress>, Task> run)
    {
        if (!Interactive)
        {
            await run(new Inline(PlainLine)).ConfigureAwait(false);
            return;
        }
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: Math.Max(1, cellCount));
                var lastLine = "";
                await run(new Inline(p =>
                {
                    var live = p.Load is { } l && !l.WarmingUp ? $"{Reporting.Numbers.Rps(l.CurrentRequestsPerSecond)} req/s" : "";
                    var phase = p.Phase switch
                    {
                        ExperimentPhase.StartingServer => "starting server",
                        ExperimentPhase.WarmingUp => "warming up",
                        ExperimentPhase.Measuring => "measuring",
                        ExperimentPhase.CoolingDown => "cooling down",
                        _ => "done",
                    };
                    task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"[{p.CellNumber}/{p.CellCount}] {p.Cell.Id} · {phase} {live} · ETA {Eta(p.Remaining)}"));
                    if (p.Phase == ExperimentPhase.CellDone)
                    {
                        task.Value = p.CellNumber;
                        // Each finished cell stays on screen above the live bar (stderr would tear the bar apart).
                        if (p.Finished is { Failed: true } failed)
                        {
                            lastLine = FailedText(p, failed);
                            AnsiConsole.MarkupLine("[red]" + Markup.Escape(lastLine) + "[/]");
                        }
                        else
                        {
                            lastLine = PlainText(p);
                            AnsiConsole.MarkupLine(Markup.Escape(lastLine));
                        }
                    }
                })).ConfigureAwait(false);
                task.Description = Markup.Escape(lastLine.Length > 0 ? "done" : "stopped");
            }).ConfigureAwait(false);
    }

    private static void PlainLine(ExperimentProgress p)
    {
        if (p.Phase != ExperimentPhase.CellDone) return;
        if (p.Finished is { Failed: true } failed) Console.Error.WriteLine(FailedText(p, failed));
        else Console.Out.WriteLine(PlainText(p));
    }

    /// <summary>One line per failed cell, naming the stack and the cause: <c>perfnb: [3/8] CELL failed: stack S: CAUSE</c>.</summary>
    private static string FailedText(ExperimentProgress p, CellResult failed)
        => string.Create(CultureInfo.InvariantCulture, $"perfnb: [{p.CellNumber}/{p.CellCount}] {p.Cell.Id} failed: {failed.Reason}");

    private static string PlainText(ExperimentProgress p)
    {
        var r = p.Finished;
        var figures = r is null ? "" : r.Measured
            ? $"{Reporting.Numbers.Rps(r.Summary.RequestsPerSecond)} {(r.Cell.WebSocket is null ? "req/s" : r.Cell.WebSocket.Rooms is null ? "msg/s" : "deliveries/s")}, p99 {Reporting.Numbers.Ms(r.Summary.Latency.P99 / 1000.0)} ms, {Reporting.Numbers.Whole(r.Summary.Errors)} errors, server CPU {Reporting.Numbers.Percent(r.Server.CpuPercent)}%"
            : "not measured";
        var flags = r is { Flags.Count: > 0 } ? $" [{string.Join(' ', r.Flags)}]" : "";
        return string.Create(CultureInfo.InvariantCulture, $"[{p.CellNumber}/{p.CellCount}] {p.Cell.Id}: {figures}{flags} (ETA {Eta(p.Remaining)})");
    }

    private static string Eta(TimeSpan t)
    {
        if (t.TotalHours >= 1) return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:00}m");
        if (t.TotalMinutes >= 1) return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}m{t.Seconds:00}s");
        return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)t.TotalSeconds)}s");
    }

    /// <summary>Reports on the caller's thread (no SynchronizationContext hop), in order.</summary>
    private sealed class Inline(Action<ExperimentProgress> action) : IProgress<ExperimentProgress>
    {
        private readonly Lock _gate = new();

        public void Report(ExperimentProgress value)
        {
            lock (_gate) action(value);
        }
    }
}
