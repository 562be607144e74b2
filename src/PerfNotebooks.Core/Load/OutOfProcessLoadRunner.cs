using System.Globalization;
using System.Text;
using CliWrap;
using PerfNotebooks.Native;

namespace PerfNotebooks.Load;

/// <summary>
/// Runs <see cref="LoadEngine"/> in a child process, <c>dotnet perfnb.dll load --spec @SPEC --result-file RESULT</c>,
/// and hands back the full <see cref="LoadResult"/>. The spec goes as JSON and the result comes back as JSON, both
/// through <see cref="LoadSpecJson"/>'s serializer, so every <see cref="LoadSpec"/> property travels without code here. Why: the generator then shares nothing with the host
/// process (a notebook kernel's garbage collections, its threads, its memory in the generator's peak RSS),
/// and a run can be ended by killing a process group whatever state the host is in. The child runs in its
/// own process group (setsid), reports progress as lines on stdout, and on cancellation is interrupted (it
/// then writes what it measured) and, if it does not finish within <see cref="GracePeriod"/>, killed with
/// its whole process group. If this process dies without cancelling, the child notices (its stdin pipe
/// closes) and stops on its own.
/// </summary>
public sealed class OutOfProcessLoadRunner : ILoadRunner
{
    /// <summary>Environment variable naming perfnb.dll (overrides the copy next to PerfNotebooks.Core).</summary>
    public const string CliPathVariable = "PERFNB_CLI";

    /// <summary>Prefix of the progress lines the child prints with --result-file.</summary>
    public const string ProgressPrefix = "perfnb-progress ";

    /// <summary>How long an interrupted child may take to write its result before its group is killed.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>perfnb.dll to run; null = <see cref="LocateCli"/>.</summary>
    public string? CliPath { get; init; }

    /// <summary>Runs <paramref name="spec"/> in a child process. Cancellation returns what was measured so far.</summary>
    public async Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        LoadSpecRules.Validate(spec);
        var cli = CliPath ?? LocateCli();
        var workDir = Directory.CreateTempSubdirectory("perfnb-load-");
        try
        {
            var resultFile = Path.Combine(workDir.FullName, "result.json");
            var specFile = Path.Combine(workDir.FullName, "spec.json");
            await File.WriteAllTextAsync(specFile, LoadSpecJson.Write(spec), CancellationToken.None).ConfigureAwait(false);
            var arguments = BuildArguments(cli, specFile, resultFile);
            var stderr = new StringBuilder();
            var useSetsid = File.Exists("/usr/bin/setsid");

            var command = Cli.Wrap(useSetsid ? "/usr/bin/setsid" : DotnetHost())
                .WithArguments(useSetsid ? [DotnetHost(), .. arguments] : arguments)
                // The child's watchdog: its stdin is a pipe only this process holds and never writes to. If this
                // process dies (a killed kernel, SIGKILL included), the kernel closes the pipe and the child ends
                // its run (--stop-on-stdin-eof) instead of loading the server for the rest of its duration.
                .WithStandardInputPipe(PipeSource.Create(static (_, ct) => Task.Delay(Timeout.Infinite, ct)))
                .WithStandardOutputPipe(PipeTarget.ToDelegate(line => OnLine(line, progress)))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
                .WithValidation(CommandResultValidation.None);

            using var forceful = new CancellationTokenSource();
            var task = command.ExecuteAsync(forceful.Token, CancellationToken.None);
            var pid = task.ProcessId;
            // Cancelling asks the child to stop (SIGTERM: it ends the run and writes what it measured),
            // then kills its whole process group if it has not exited within the grace period.
            using var onCancel = cancellationToken.Register(() =>
            {
                _ = Kill(pid, SigTerm);
                forceful.CancelAfter(GracePeriod);
            });
            using var killOnForce = forceful.Token.Register(() => KillProcessGroup(pid, useSetsid));
            int exitCode;
            try
            {
                exitCode = (await task.ConfigureAwait(false)).ExitCode;
            }
            catch (OperationCanceledException) when (forceful.IsCancellationRequested)
            {
                throw new OperationCanceledException(
                    $"the load process (PID {pid.ToString(CultureInfo.InvariantCulture)}) did not stop within {GracePeriod.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s and was killed.",
                    cancellationToken);
            }

            if (File.Exists(resultFile))
                // The caller's own spec object back (the child's is an equal copy).
                return LoadResultJson.Deserialize(await File.ReadAllTextAsync(resultFile, CancellationToken.None).ConfigureAwait(false)) with { Spec = spec };
            var message = stderr.ToString().Trim();
            if (message.StartsWith("perfnb: ", StringComparison.Ordinal)) message = message["perfnb: ".Length..];
            throw new PerfNotebooksException(
                $"the load process (PID {pid.ToString(CultureInfo.InvariantCulture)}) exited with code {exitCode.ToString(CultureInfo.InvariantCulture)} without a result" +
                (message.Length > 0 ? ": " + message : "."));
        }
        finally
        {
            try
            {
                workDir.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// perfnb.dll: <see cref="CliPathVariable"/> if set, else next to the PerfNotebooks.Core assembly;
    /// otherwise a <see cref="PerfNotebooksException"/> saying how to point at it.
    /// </summary>
    public static string LocateCli()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(CliPathVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            if (File.Exists(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
            throw new PerfNotebooksException($"{CliPathVariable} is '{fromEnvironment}', which does not exist; point it at perfnb.dll (src/PerfNotebooks.Cli/bin/<config>/net10.0/perfnb.dll).");
        }
        var coreDirectory = Path.GetDirectoryName(typeof(OutOfProcessLoadRunner).Assembly.Location);
        if (!string.IsNullOrEmpty(coreDirectory))
        {
            var beside = Path.Combine(coreDirectory, "perfnb.dll");
            if (File.Exists(beside)) return beside;
        }
        throw new PerfNotebooksException(
            $"perfnb.dll was not found next to PerfNotebooks.Core ({coreDirectory}); set {CliPathVariable} to its path (build src/PerfNotebooks.Cli first).");
    }

    /// <summary>The child's command line: the spec and the result as files, and a watchdog on standard input.</summary>
    internal static IReadOnlyList<string> BuildArguments(string cli, string specFile, string resultFile)
        => [cli, "load", "--spec", "@" + specFile, "--result-file", resultFile, "--stop-on-stdin-eof"];

    /// <summary>Parses one progress line: "perfnb-progress ELAPSED_S WARMUP(0|1) REQUESTS ERRORS RPS".</summary>
    internal static LoadProgress? ParseProgress(string line)
    {
        if (!line.StartsWith(ProgressPrefix, StringComparison.Ordinal)) return null;
        var parts = line[ProgressPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5) return null;
        var c = CultureInfo.InvariantCulture;
        if (!double.TryParse(parts[0], NumberStyles.Float, c, out var elapsed)
            || !long.TryParse(parts[2], NumberStyles.Integer, c, out var requests)
            || !long.TryParse(parts[3], NumberStyles.Integer, c, out var errors)
            || !double.TryParse(parts[4], NumberStyles.Float, c, out var rps)) return null;
        return new LoadProgress(TimeSpan.FromSeconds(elapsed), parts[1] == "1", requests, errors, rps);
    }

    /// <summary>Formats one progress line (the child side of <see cref="ParseProgress"/>).</summary>
    public static string FormatProgress(LoadProgress p)
        => string.Create(CultureInfo.InvariantCulture,
            $"{ProgressPrefix}{p.Elapsed.TotalSeconds:0.###} {(p.WarmingUp ? 1 : 0)} {p.Requests} {p.Errors} {p.CurrentRequestsPerSecond:0.##}");

    private static void OnLine(string line, IProgress<LoadProgress>? progress)
    {
        if (progress is not null && ParseProgress(line) is { } p) progress.Report(p);
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet") return process;
        return "dotnet";
    }

    private static void KillProcessGroup(int pid, bool ownGroup)
    {
        if (pid <= 0) return;
        // With setsid the child leads its own group: kill the group (anything it started goes too).
        if (ownGroup) _ = Kill(-pid, SigKill);
        _ = Kill(pid, SigKill);
    }

    private const int SigKill = 9;
    private const int SigTerm = 15;

    private static int Kill(int pid, int signal) => NativeMethods.kill(pid, signal);
}
