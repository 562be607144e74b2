using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive.Formatting;

/// <summary>The stack catalog as an HTML table.</summary>
internal static class CatalogTable
{
    public static string Render(IReadOnlyList<StackSpec> stacks) =>
        Html.Block($"{stacks.Count} stacks", Html.Table(
            ["stack", "app", "server", "workers", "threads", "what it is"],
            stacks.Select(s => (IReadOnlyList<string>)
            [
                Html.E(s.Name), Html.E(s.App), Html.E(s.Server + (s.WorkerClass is null ? "" : " " + s.WorkerClass)),
                Html.N(s.Workers), s.Threads is { } t ? Html.N(t) : "", Html.E(s.Description),
            ])));
}
