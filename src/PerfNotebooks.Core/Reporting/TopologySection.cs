using System.Globalization;
using System.Net;
using System.Text;
using PerfNotebooks.Experiments;
using PerfNotebooks.Hosts;

namespace PerfNotebooks.Reporting;

/// <summary>
/// The report's "Topology" section for a run across hosts: which machine served and which loaded, each one's
/// CPU, cores, kernel, Python and clock offset, and what each load host measured in each cell.
/// </summary>
internal static class TopologySection
{
    public static void Append(StringBuilder sb, RunTopology topology, IReadOnlyList<CellResult> results)
    {
        sb.Append("<section id=\"topology\">\n<h2>Topology</h2>\n<p>");
        sb.Append(topology.ServerHost is { } server ? $"Servers ran on {E(server.Address)}" : "Servers ran on the controlling machine");
        if (topology.ServerBindAddress.Length > 0) sb.Append(", listening on ").Append(E(topology.ServerBindAddress));
        sb.Append("; load came from ").Append(topology.LoadHosts.Count == 0 ? "the controlling machine" : $"{N(topology.LoadHosts.Count)} host(s), each with its share of the connections, started at one wall-clock time");
        sb.Append(". Latency histograms of the hosts are added, requests and errors summed; each host's own figures are below and in results.csv (host column).</p>\n");

        sb.Append("<table>\n<thead><tr><th>role</th><th>address</th><th>host name</th><th>CPU</th><th>cores</th><th>memory</th><th>kernel</th><th>Python</th><th>clock offset</th></tr></thead>\n<tbody>\n");
        if (topology.ServerHost is { } s) Row(sb, "server", s);
        foreach (var host in topology.LoadHosts) Row(sb, "load", host);
        sb.Append("</tbody></table>\n");

        var perHost = results.Where(r => r.PerHost.Count > 0).ToList();
        if (perHost.Count > 0)
        {
            sb.Append("<h3>Load per host</h3>\n<table>\n<thead><tr><th>cell</th><th>host</th><th>requests</th><th>req/s</th><th>p99 ms</th><th>errors</th><th>client CPU s</th><th>note</th></tr></thead>\n<tbody>\n");
            foreach (var cell in perHost)
            {
                foreach (var h in cell.PerHost)
                {
                    sb.Append("<tr><td>").Append(E(cell.Cell.Id)).Append("</td><td>").Append(E(h.Host)).Append("</td><td class=\"num\">").Append(N(h.Summary.Requests))
                      .Append("</td><td class=\"num\">").Append(E(Numbers.ThreeFigures(h.Summary.RequestsPerSecond)))
                      .Append("</td><td class=\"num\">").Append(E(Numbers.ThreeFigures(h.Summary.Latency.P99 / 1000.0)))
                      .Append("</td><td class=\"num\">").Append(N(h.Errors.Total))
                      .Append("</td><td class=\"num\">").Append(E(h.Client.CpuSeconds.ToString("0.00", CultureInfo.InvariantCulture)))
                      .Append("</td><td>").Append(E(h.Note)).Append("</td></tr>\n");
                }
            }
            sb.Append("</tbody></table>\n");
        }
        sb.Append("</section>\n");
    }

    private static void Row(StringBuilder sb, string role, HostEnvironment h)
    {
        var clock = h.Clock is { } c
            ? string.Create(CultureInfo.InvariantCulture, $"{c.Offset.TotalMilliseconds:0.000} ms ± {c.ErrorBound.TotalMilliseconds:0.000} ms")
            : "not measured";
        sb.Append("<tr><td>").Append(role).Append("</td><td>").Append(E(h.Address)).Append("</td><td>").Append(E(h.Hostname))
          .Append("</td><td>").Append(E(h.CpuModel)).Append("</td><td class=\"num\">").Append(N(h.Cores))
          .Append("</td><td class=\"num\">").Append(E((h.MemoryBytes / 1e9).ToString("0.0", CultureInfo.InvariantCulture))).Append(" GB</td><td>").Append(E(h.Kernel))
          .Append("</td><td>").Append(E(h.PythonVersion.Length == 0 ? "(none)" : h.PythonVersion)).Append("</td><td class=\"num\">").Append(E(clock)).Append("</td></tr>\n");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
