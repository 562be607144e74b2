using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive.Formatting;

/// <summary>HTML card of a running server: where it listens, which processes, which versions.</summary>
internal static class ServerCard
{
    public static string Render(RunningServer server, string? name = null)
    {
        var spec = server.Spec;
        var pids = server.HasExited ? "exited" : string.Join(", ", server.ProcessIds());
        var rows = new List<(string, string)>
        {
            ("stack", Html.E(spec.Name) + (spec.Description.Length > 0 ? " — " + Html.E(spec.Description) : "")),
            ("URL", $"<a href=\"{Html.E(server.BaseUrl.ToString())}\">{Html.E(server.BaseUrl.ToString())}</a>"),
            ("server", Html.E($"{spec.Server}{(spec.WorkerClass is null ? "" : " (" + spec.WorkerClass + ")")}, {spec.Workers} worker(s)" + (spec.Threads is { } t ? $", {t} thread(s)" : ""))),
            ("PIDs", Html.E(pids)),
            ("versions", Html.E($"Python {server.Versions.Python}, {spec.App} {server.Versions.Framework}, {spec.Server} {server.Versions.Server}")),
        };
        if (spec.Cpus is not null) rows.Add(("CPUs", Html.E(spec.Cpus)));
        var title = name is null ? $"server {spec.Name}" : $"server {name} ({spec.Name})";
        return Html.Block(title, Html.KeyValues(rows));
    }
}
