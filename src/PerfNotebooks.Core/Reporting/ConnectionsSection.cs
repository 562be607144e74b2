using System.Globalization;
using System.Net;
using System.Text;

namespace PerfNotebooks.Reporting;

/// <summary>The report's "Thousands of connections" section: the connections block as a table (<see cref="ConnectionsTable"/>).</summary>
internal static class ConnectionsSection
{
    public const string Anchor = "connections";

    public static void Append(StringBuilder sb, IReadOnlyList<ConnectionRow> rows, Experiments.SystemLimits? limits)
    {
        if (rows.Count == 0) return;
        sb.Append("<section id=\"").Append(Anchor).Append("\">\n<h2>Thousands of connections</h2>\n<p>Every connection waits on a long request (<code>/io?ms=N</code>) and sends the next when the answer comes, ")
          .Append("so N connections ask for at most N / wait req/s (<i>of asked</i>: the share served). Each stack started fresh per cell with its own limits raised for the block's most connections; ")
          .Append(E(limits?.Somaxconn is { } s ? $"the kernel caps every listen backlog at net.core.somaxconn = {N(s)}" : "net.core.somaxconn was not recorded"))
          .Append(E(limits?.OpenFilesHard is { } h ? $"; the generator's open-file limit was {N(limits.OpenFilesSoft ?? h)} (hard {N(h)})" : "")).Append(". ")
          .Append("Memory per connection: the server's peak PSS over its PSS before the load, per connection. Where connections were refused or timed out, the last column says which limit and why.</p>\n");
        sb.Append("<table class=\"connections\">\n<thead><tr><th>stack</th><th>endpoint</th><th>connections</th><th>req/s</th><th>of asked</th><th>p50 ms</th><th>p99 ms</th><th>errors</th><th>connect / timeout / cut off</th><th>kB per connection</th><th>limits</th><th>which limit, and why</th></tr></thead>\n<tbody>\n");
        foreach (var r in rows)
        {
            sb.Append("<tr><td>").Append(E(r.Stack)).Append("</td><td>").Append(E(r.Endpoint)).Append("</td><td class=\"num\">").Append(N(r.Connections))
              .Append("</td><td class=\"num\">").Append(E(Numbers.ThreeFigures(r.Rps))).Append("</td><td class=\"num\">").Append(E(Numbers.Share(r.ShareOfIdeal)))
              .Append("</td><td class=\"num\">").Append(E(Numbers.ThreeFigures(r.P50Ms))).Append("</td><td class=\"num\">").Append(E(Numbers.ThreeFigures(r.P99Ms)))
              .Append("</td><td class=\"num\">").Append(E(Numbers.Share(r.ErrorRate))).Append("</td><td class=\"num\">")
              .Append(N(r.ConnectErrors)).Append(" / ").Append(N(r.Timeouts)).Append(" / ").Append(N(r.ClosedByServer))
              .Append("</td><td class=\"num\">").Append(E(Numbers.ThreeFigures(r.MemoryPerConnectionKb))).Append("</td><td>").Append(E(r.Limits)).Append("</td><td>").Append(E(r.Note)).Append("</td></tr>\n");
        }
        sb.Append("</tbody></table>\n</section>\n");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
