namespace PerfNotebooks.Interactive.Magic;

/// <summary>PERFNB_QUICK=1: short durations and few levels, what CI runs the notebooks with.</summary>
internal static class QuickMode
{
    public static bool On => Environment.GetEnvironmentVariable("PERFNB_QUICK") is "1" or "true";
}
