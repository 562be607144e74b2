using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PerfNotebooks.Servers;

/// <summary>
/// Checks a <see cref="StackSpec"/> before anything starts, with one-line errors that say what is accepted.
/// Worker and thread limits: <see cref="WorkerLimits"/>.
/// </summary>
internal static partial class StackValidation
{
    [GeneratedRegex(@"^\d+(-\d+)?(,\d+(-\d+)?)*$")]
    private static partial Regex CpuListPattern();

    public static void Validate(StackSpec spec, ServerRecipe? recipe)
    {
        var who = $"stack {spec.Name}";
        if (!WorkerLimits.AcceptsWorkers(spec.Workers))
            throw new PerfNotebooksException(
                $"{who}: workers must be between 1 and {WorkerLimits.MaxWorkers} ({WorkerLimits.WorkersPerCore} per core on this {Environment.ProcessorCount}-core machine), got {spec.Workers}.");
        if (spec.Threads is { } threads && (threads < 1 || threads > WorkerLimits.MaxThreads))
            throw new PerfNotebooksException($"{who}: threads must be between 1 and {WorkerLimits.MaxThreads}, got {threads}.");
        if (recipe is not null)
        {
            if (!recipe.HasWorkers && spec.Workers != 1)
                throw new PerfNotebooksException(
                    $"{who}: {recipe.Server} runs one process, so workers must be 1, got {spec.Workers}.");
            if (!recipe.HasThreads && spec.Threads is not null)
                throw new PerfNotebooksException(
                    $"{who}: {recipe.Server}{(recipe.WorkerClass is null ? "" : " " + recipe.WorkerClass)} has no thread setting; leave threads unset.");
        }
        if (spec.Port is < 0 or > 65535)
            throw new PerfNotebooksException($"{who}: port must be between 0 (pick a free one) and 65535, got {spec.Port}.");
        if (spec.Host != "localhost" && !IPAddress.TryParse(spec.Host, out _))
            throw new PerfNotebooksException($"{who}: host must be an IP address (e.g. 127.0.0.1 or ::1) or localhost, got '{spec.Host}'.");
        if (spec.Cpus is { } cpus) ValidateCpus(who, cpus);
        if (spec.ReadyTimeout <= TimeSpan.Zero)
            throw new PerfNotebooksException($"{who}: the ready timeout must be above 0 s, got {spec.ReadyTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        if (spec.Limits is { } limits) ValidateLimits(who, limits);
        if (spec.ReadyPath is { } readyPath && (!readyPath.StartsWith('/') || readyPath.Any(c => c is <= ' ' or >= (char)127)))
            throw new PerfNotebooksException($"{who}: ready path '{readyPath}' is not a path; give one that starts with / (e.g. /healthz), or none to wait for the port to accept.");
        if (spec.Command is { Count: 0 })
            throw new PerfNotebooksException($"{who}: a user-defined stack needs a command line (Command is empty).");
    }

    private static void ValidateLimits(string who, ServerLimits limits)
    {
        static string S(int v) => v.ToString(CultureInfo.InvariantCulture);
        if (limits.Backlog is { } b && (b < 1 || b > 1_000_000))
            throw new PerfNotebooksException($"{who}: the listen backlog must be between 1 and 1000000, got {S(b)}.");
        if (limits.WorkerConnections is { } w && (w < 1 || w > 1_000_000))
            throw new PerfNotebooksException($"{who}: worker connections must be between 1 and 1000000, got {S(w)}.");
        if (limits.OpenFiles is { } f && (f < 64 || f > 10_000_000))
            throw new PerfNotebooksException($"{who}: the open-file limit must be between 64 and 10000000, got {S(f)}.");
    }

    private static void ValidateCpus(string who, string cpus)
    {
        var count = Environment.ProcessorCount;
        var accepted = $"a CPU list such as 0, 1 or 0-{count - 1} (CPUs 0 to {count - 1} exist here)";
        if (!CpuListPattern().IsMatch(cpus))
            throw new PerfNotebooksException($"{who}: cpus must be {accepted}, got '{cpus}'.");
        foreach (var part in cpus.Split(','))
        {
            foreach (var n in part.Split('-'))
            {
                if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var cpu) || cpu >= count)
                    throw new PerfNotebooksException($"{who}: cpus must be {accepted}, got '{cpus}'.");
            }
        }
    }
}
