using System.Globalization;

namespace PerfNotebooks.Servers;

/// <summary>
/// The one rule for how many workers and threads a server may be given, checked wherever a count is read (a stack, a
/// plan, a front end's option): workers 1 to 16 per core of this machine (more processes than that only measure the
/// scheduler), threads 1 to 256.
/// </summary>
public static class WorkerLimits
{
    /// <summary>The fewest workers: one process.</summary>
    public const int MinWorkers = 1;

    /// <summary>Workers allowed per CPU core.</summary>
    public const int WorkersPerCore = 16;

    /// <summary>The most threads per worker.</summary>
    public const int MaxThreads = 256;

    /// <summary>The most workers on this machine: <see cref="WorkersPerCore"/> per core.</summary>
    public static int MaxWorkers => WorkersPerCore * Environment.ProcessorCount;

    /// <summary>True when <paramref name="workers"/> is a worker count this machine accepts.</summary>
    public static bool AcceptsWorkers(int workers) => workers >= MinWorkers && workers <= MaxWorkers;

    /// <summary>The rule in words, the same on every machine: "1 up to 16 per core".</summary>
    public static string WorkersRule => $"{MinWorkers.ToString(CultureInfo.InvariantCulture)} up to {WorkersPerCore.ToString(CultureInfo.InvariantCulture)} per core";
}
