namespace PerfNotebooks.Interactive.Magic;

/// <summary>The endpoints a magic command's --endpoint(s) parameter offers as completions: one of each kind, with a typical query.</summary>
internal static class EndpointCompletions
{
    public static IReadOnlyList<string> Examples { get; } = ["/plaintext", "/json", "/io?ms=10", "/cpu?n=1000", "/bytes?size=1024", "/ws/echo", "/ws/broadcast"];
}
