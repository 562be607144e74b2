using PerfNotebooks.Experiments;

namespace PerfNotebooks.Interactive;

/// <summary>
/// PERFNB_STORED=RUN[,RUN...]: cells that would measure show stored runs instead. <c>#!pyserver start</c>
/// starts nothing, <c>#!load</c> shows the nearest stored cell of that stack, <c>#!compare</c> the stored cells
/// its plan asks for. scripts/render-notebooks.sh sets it so the committed notebooks show the reference runs;
/// without it every cell measures as usual. Runs are ids under the repository's data/runs, or folders.
/// </summary>
internal static class StoredMode
{
    // Loaded once per value of the variable (a notebook sets it before the kernel starts; tests change it).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<RunRecord>> Loaded = new(StringComparer.Ordinal);

    public const string Variable = "PERFNB_STORED";

    public static bool On => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The stored runs named, loaded once.</summary>
    public static IReadOnlyList<RunRecord> Runs => Loaded.GetOrAdd(Environment.GetEnvironmentVariable(Variable) ?? "", Load);

    /// <summary>What the notebook says about a stored answer: which run, measured when and where, and how to measure instead.</summary>
    public static string Provenance(RunRecord run) =>
        $"stored mode ({Variable}): from the stored run {run.Id}, measured {run.Info.Environment.StartedAt:yyyy-MM-dd} on {run.Info.Environment.CpuModel} ({run.Info.Environment.Cores} cores); nothing was measured now. Run without {Variable} to measure on this machine.";

    private static IReadOnlyList<RunRecord> Load(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var root = RunsFolder.Default();
        return names.Select(n => RunStore.Load(n, root)).ToList();
    }
}
