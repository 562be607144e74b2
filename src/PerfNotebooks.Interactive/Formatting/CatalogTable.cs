using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive.Formatting;

/// <summary>The stack catalog (and the user's own stacks, marked "yours") as an HTML table, with whether each stack
/// can start on this machine and why not.</summary>
internal static class CatalogTable
{
    public static string Render(IReadOnlyList<StackSpec> stacks, IReadOnlyList<StackInstallation> installations)
    {
        var installed = installations.Count(i => i.Installed);
        return Html.Block($"{stacks.Count} stacks, {installed} installed here", Html.Table(
            ["stack", "app", "server", "workers", "threads", "WebSockets", "source", "installed", "what it is"],
            stacks.Select((s, i) => (IReadOnlyList<string>)
            [
                Html.E(s.Name), Html.E(s.App), Html.E(s.Server + (s.WorkerClass is null ? "" : " " + s.WorkerClass)),
                Html.N(s.Workers), s.Threads is { } t ? Html.N(t) : "", s.WebSockets ? "yes" : "",
                s.Source is { } file ? $"<span title=\"{Html.E(file)}\">yours</span>" : "catalog",
                Html.E((installations[i].Installed ? "yes: " : "no: ") + installations[i].Detail), Html.E(s.Description),
            ])));
    }
}
